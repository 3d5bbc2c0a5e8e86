using System.Reflection.PortableExecutable;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// What a Windows sidecar may import: DLLs every supported Windows (10 and later) has in System32 — the Win32 API
/// and the API sets (<c>api-ms-win-*</c>, <c>ext-ms-*</c>; <c>api-ms-win-crt-*</c> is the Universal C runtime, part
/// of Windows 10). Anything else, such as the Visual C++ runtime (<c>VCRUNTIME140.dll</c>), must come with the app.
/// </summary>
internal static class WindowsFloor
{
    private static readonly HashSet<string> SystemDlls = new(StringComparer.OrdinalIgnoreCase)
    {
        "advapi32.dll", "bcrypt.dll", "comctl32.dll", "comdlg32.dll", "crypt32.dll", "dbghelp.dll", "dnsapi.dll", "gdi32.dll",
        "iphlpapi.dll", "kernel32.dll", "kernelbase.dll", "mswsock.dll", "ncrypt.dll", "netapi32.dll", "normaliz.dll", "ntdll.dll",
        "ole32.dll", "oleaut32.dll", "powrprof.dll", "psapi.dll", "rpcrt4.dll", "secur32.dll", "setupapi.dll", "shell32.dll",
        "shlwapi.dll", "sspicli.dll", "ucrtbase.dll", "user32.dll", "userenv.dll", "version.dll", "winhttp.dll", "winmm.dll",
        "wintrust.dll", "ws2_32.dll", "wtsapi32.dll",
    };

    /// <summary>The figure and problems of one PE; <paramref name="fileName"/> names it in messages.</summary>
    public static FloorCheck Check(string fileName, PeImports imports)
    {
        var problems = imports.Dlls.Where(dll => !IsSystemDll(dll)).Select(dll =>
            $"{fileName} imports {dll}, which is not part of Windows: where it is missing the sidecar fails with \"{dll} was not found\" " +
            "while the app starts. Link it statically (.NET's single-file host and Native AOT link the C runtime statically by default), " +
            "or ship it beside the sidecar and check that the installer puts it there.").ToList();
        var subsystem = imports.Subsystem switch
        {
            Subsystem.WindowsCui => "console",
            Subsystem.WindowsGui => "GUI",
            var other => other.ToString(),
        };
        return new($"{subsystem} subsystem; imports {(imports.Dlls.Count == 0 ? "nothing" : string.Join(" ", Condensed(imports.Dlls)))}", problems);
    }

    /// <summary>The DLL names for the summary, the Universal C runtime's many API sets as one entry.</summary>
    private static IEnumerable<string> Condensed(IReadOnlyList<string> dlls)
    {
        var crt = dlls.Count(dll => dll.StartsWith(UniversalCrtPrefix, StringComparison.OrdinalIgnoreCase));
        return crt < 2
            ? dlls
            : [.. dlls.Where(dll => !dll.StartsWith(UniversalCrtPrefix, StringComparison.OrdinalIgnoreCase)), $"{UniversalCrtPrefix}* ({crt})"];
    }

    private const string UniversalCrtPrefix = "api-ms-win-crt-";

    private static bool IsSystemDll(string dll) =>
        SystemDlls.Contains(dll) ||
        dll.StartsWith("api-ms-win-", StringComparison.OrdinalIgnoreCase) ||
        dll.StartsWith("ext-ms-", StringComparison.OrdinalIgnoreCase);
}
