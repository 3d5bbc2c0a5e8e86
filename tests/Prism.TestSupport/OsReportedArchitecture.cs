using System.Runtime.InteropServices;

namespace Prism.TestSupport;

/// <summary>
/// The architecture this process runs as, as the operating system reports it — not through .NET's
/// <see cref="RuntimeInformation.ProcessArchitecture"/>, which the code under test reads, so a test comparing the two
/// can fail. Linux: the ELF machine of <c>/proc/self/exe</c>; Windows: <c>PROCESSOR_ARCHITECTURE</c> (the process's
/// own, also under emulation); macOS: <c>uname -m</c> (x86_64 under Rosetta).
/// </summary>
public static class OsReportedArchitecture
{
    public static Architecture OfThisProcess { get; } = Read();

    private static Architecture Read()
    {
        if (OperatingSystem.IsLinux())
        {
            var header = new byte[20];
            using (var self = File.OpenRead("/proc/self/exe"))
            {
                self.ReadExactly(header);
            }

            return BitConverter.ToUInt16(header, 18) switch
            {
                0x3E => Architecture.X64,
                0xB7 => Architecture.Arm64,
                0x03 => Architecture.X86,
                0x28 => Architecture.Arm,
                var machine => throw new InvalidOperationException($"/proc/self/exe is an ELF file for machine 0x{machine:x}, which this test does not know."),
            };
        }

        var name = OperatingSystem.IsWindows()
            ? Environment.GetEnvironmentVariable("PROCESSOR_ARCHITECTURE") ?? ""
            : ProcessRunner.Run(new System.Diagnostics.ProcessStartInfo("uname", ["-m"]), TimeSpan.FromMinutes(1)).Stdout.Trim();
        return name.ToLowerInvariant() switch
        {
            "amd64" or "x86_64" => Architecture.X64,
            "arm64" or "aarch64" => Architecture.Arm64,
            "x86" or "i386" or "i686" => Architecture.X86,
            _ => throw new InvalidOperationException($"The system names this process's architecture '{name}', which this test does not know."),
        };
    }
}
