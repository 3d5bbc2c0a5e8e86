using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Storage;

namespace Prism.Daemon.Upstream;

/// <summary>
/// The <c>X-TR-Device-Info</c> header: Trade Republic ties a web login to a device, so the <c>stableDeviceId</c>
/// (SHA-512 hex of random bytes) is created once per installation and kept in the data folder — on the first
/// login, not at start, so a daemon that never logs in never writes. A folder where it cannot be kept fails the
/// login with the folder's problem (and is tried again on the next login).
/// </summary>
internal sealed class DeviceIdentity(DataDirectory folder)
{
    public const string FileName = "device-id";

    private readonly Lock gate = new();
    private string? stableDeviceId;

    public string StableDeviceId
    {
        get
        {
            lock (gate)
            {
                return stableDeviceId ??= LoadOrCreate();
            }
        }
    }

    /// <summary>Reads the installation's device id from the data folder, creating it on first use.</summary>
    private string LoadOrCreate()
    {
        folder.EnsureUsable();
        var path = Path.Combine(folder.Path, FileName);
        if (ReadSaved(path) is { } saved)
        {
            return saved;
        }

        var created = Convert.ToHexStringLower(SHA512.HashData(RandomNumberGenerator.GetBytes(64)));
        try
        {
            PrivateFile.WriteAtomically(path, Encoding.ASCII.GetBytes(created));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw folder.Failure($"create the device id file {FileName}", exception);
        }

        return created;
    }

    /// <summary>
    /// The saved id, or null when there is none that is well-formed (a new one replaces it). An id this user may not
    /// read is refused with the fix, never replaced: Trade Republic would see a new device.
    /// </summary>
    private string? ReadSaved(string path)
    {
        try
        {
            return PrivateFile.ReadHexIfPresent(path, 128);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw folder.Unreadable(FileName, exception, "Trade Republic then sees a new device, which it may ask you to confirm");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The header value: base64 of the device description as JSON.</summary>
    public string HeaderValue(string locale)
    {
        var now = DateTimeOffset.Now;
        var info = new DeviceInfo(
            StableDeviceId,
            Browser: "Chrome",
            BrowserVersion: "139.0.0.0",
            Os: OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "Mac OS" : "Linux",
            OsVersion: Environment.OSVersion.Version.ToString(),
            Timezone: TimeZoneInfo.Local.Id,
            // JavaScript's getTimezoneOffset(): minutes behind UTC, so Berlin in winter is -60.
            TimezoneOffset: (int)-now.Offset.TotalMinutes,
            Screen: "1920x1080",
            PreferredLanguages: [locale],
            NumberOfCores: Environment.ProcessorCount);
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(info, TradeRepublicJsonContext.Default.DeviceInfo));
    }
}
