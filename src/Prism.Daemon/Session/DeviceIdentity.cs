using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Hosting;

namespace Prism.Daemon.Session;

/// <summary>
/// The <c>X-TR-Device-Info</c> header: Trade Republic ties a web login to a device, so the <c>stableDeviceId</c>
/// (SHA-512 hex of random bytes) is created once per installation and kept in the data folder — on the first
/// login, not at start, so a daemon that never logs in never writes.
/// </summary>
internal sealed class DeviceIdentity(string dataDirectory)
{
    public const string FileName = "device-id";

    private readonly Lazy<string> stableDeviceId = new(() => LoadOrCreate(dataDirectory));

    public string StableDeviceId => stableDeviceId.Value;

    /// <summary>Reads the installation's device id from <paramref name="dataDirectory"/>, creating it on first use.</summary>
    private static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: 128 } saved && saved.All(char.IsAsciiHexDigitLower))
        {
            return saved;
        }

        var created = Convert.ToHexStringLower(SHA512.HashData(RandomNumberGenerator.GetBytes(64)));
        PrivateFile.WriteAtomically(path, Encoding.ASCII.GetBytes(created));
        return created;
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
