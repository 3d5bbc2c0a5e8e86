namespace Prism.Pipeline.Emulation;

/// <summary>An emulator found on this machine: what it is, the program to start, and the version it reported.</summary>
/// <param name="Server">Wine's <c>wineserver</c>, which a session keeps running and stops; null for qemu-user.</param>
internal sealed record Emulator(EmulatorKind Kind, string Executable, string Version, string? Server = null)
{
    /// <summary>Its name in summaries and in the tests' binary list: <c>qemu-user</c> or <c>wine</c>.</summary>
    public string Name => Kind == EmulatorKind.QemuUser ? "qemu-user" : "wine";

    /// <summary>How summaries name it, e.g. <c>qemu-user 7.2.22</c> or <c>wine 8.0</c>.</summary>
    public string Description => $"{Name} {Version}";
}
