using System.Runtime.InteropServices;

namespace Prism.Platform;

/// <summary>The table row of the running process, from its OS, its process architecture and, on Linux,
/// whether it runs on musl — never assumed to be x86_64.</summary>
public static class CurrentRuntime
{
    private static readonly Lazy<RuntimeTarget> Detected = new(Detect);

    /// <summary>This process's runtime.</summary>
    public static RuntimeTarget Target => Detected.Value;

    /// <summary>This process's RID.</summary>
    public static string Rid => Target.Rid;

    /// <summary>This process's Rust target triple.</summary>
    public static string Triple => Target.Triple;

    /// <summary>Looks up the table row for an OS, architecture and C library; rejects combinations the table lacks.</summary>
    public static RuntimeTarget Compose(TargetOs os, Architecture architecture, bool isMusl)
    {
        var rid = $"{RidPrefix(os, isMusl)}-{architecture.ToString().ToLowerInvariant()}";
        var known = TargetTable.Runtimes.FirstOrDefault(runtime => runtime.Rid == rid);
        return known ?? throw UnknownTargetException.UnsupportedProcess($"{os} {architecture}{(isMusl ? " (musl)" : "")}");
    }

    /// <summary>Reads the facts from the running process.</summary>
    private static RuntimeTarget Detect() =>
        Compose(DetectOs(), RuntimeInformation.ProcessArchitecture, DetectMusl());

    private static string RidPrefix(TargetOs os, bool isMusl) => os switch
    {
        TargetOs.Windows => "win",
        TargetOs.MacOS => "osx",
        _ => isMusl ? "linux-musl" : "linux",
    };

    private static TargetOs DetectOs() =>
        OperatingSystem.IsWindows() ? TargetOs.Windows
        : OperatingSystem.IsMacOS() ? TargetOs.MacOS
        : OperatingSystem.IsLinux() ? TargetOs.Linux
        : throw UnknownTargetException.UnsupportedProcess(RuntimeInformation.OSDescription);

    /// <summary>True when this process runs on musl: the runtime was built for a musl RID, or musl's loader is mapped in.</summary>
    private static bool DetectMusl()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        // A musl-built runtime reports a linux-musl-* RID; a Native AOT binary reports the RID it was published
        // for. The loader mapped into this very process settles the rest (a glibc machine may have musl installed,
        // so the mere presence of /lib/ld-musl-* proves nothing).
        return RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl", StringComparison.Ordinal)
            || MapsMuslLoader();
    }

    private static bool MapsMuslLoader()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(line => line.Contains("/ld-musl-", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
