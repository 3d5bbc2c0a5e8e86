using System.Runtime.InteropServices;

namespace Prism.Pipeline.Emulation;

/// <summary>
/// What qemu-user needs to run a glibc Linux binary of one CPU architecture: the emulator's name, the ELF loader the
/// binary asks for, and the multiarch tuple and dpkg architecture its libraries are installed under on Debian.
/// </summary>
internal sealed record LinuxArchitecture(Architecture Cpu, string QemuProgram, string Loader, string MultiarchTuple, string DpkgArchitecture)
{
    public static IReadOnlyList<LinuxArchitecture> All { get; } =
    [
        new(Architecture.Arm64, "qemu-aarch64", "ld-linux-aarch64.so.1", "aarch64-linux-gnu", "arm64"),
        new(Architecture.X64, "qemu-x86_64", "ld-linux-x86-64.so.2", "x86_64-linux-gnu", "amd64"),
        new(Architecture.Arm, "qemu-arm", "ld-linux-armhf.so.3", "arm-linux-gnueabihf", "armhf"),
    ];

    /// <summary>
    /// The shared libraries a .NET sidecar loads, each with the Debian package that brings it. Without OpenSSL the
    /// process runs until its first TLS connection and then aborts ("No usable version of libssl was found").
    /// </summary>
    public static IReadOnlyList<(string[] Files, string Package)> RuntimeLibraries { get; } =
    [
        (["libc.so.6"], "libc6"),
        (["libstdc++.so.6"], "libstdc++6"),
        (["libz.so.1"], "zlib1g"),
        (["libssl.so.3", "libssl.so.1.1"], "libssl3"),
    ];
}
