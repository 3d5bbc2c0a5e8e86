namespace Prism.TestBinaries;

/// <summary>
/// How this machine runs a binary of a foreign platform: the command put before the binary (<c>qemu-aarch64</c>,
/// <c>/usr/lib/wine/wine64</c>), the environment it needs (Wine's prefix), and which of the two emulators it is —
/// they differ in what a test must do besides (<see cref="PublishedSidecar"/>).
/// </summary>
public sealed record Emulator(string Name, string Version, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment)
{
    public const string QemuUser = "qemu-user";
    public const string Wine = "wine";

    /// <summary>qemu-user runs one process: what that process starts must be started through qemu again.</summary>
    public bool IsQemuUser => Name == QemuUser;

    /// <summary>Wine runs Windows programs, which start Windows children themselves, see Windows paths and report Windows pids.</summary>
    public bool IsWine => Name == Wine;

    public override string ToString() => $"{Name} {Version}";
}
