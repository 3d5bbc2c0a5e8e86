namespace Prism.Pipeline.Emulation;

/// <summary>
/// How this machine can execute the binaries of one target triple: natively; emulated, with the emulator and the
/// arguments that go before the binary; or not at all, with the reason and the command that would change that.
/// </summary>
internal sealed record ExecutionRoute(string Triple, ExecutionKind Kind, Emulator? Emulator, IReadOnlyList<string> EmulatorArguments,
    string? Reason, string? InstallCommand)
{
    /// <summary>How much longer than a native start an emulated one may take: qemu JIT-compiles .NET's JIT, Wine boots a Windows userland.</summary>
    private const int EmulatedSlowdown = 8;

    public static ExecutionRoute Native(string triple) => new(triple, ExecutionKind.Native, null, [], null, null);

    public static ExecutionRoute Emulated(string triple, Emulator emulator, IReadOnlyList<string> arguments) =>
        new(triple, ExecutionKind.Emulated, emulator, arguments, null, null);

    public static ExecutionRoute StaticOnly(string triple, string reason, string? installCommand = null) =>
        new(triple, ExecutionKind.StaticOnly, null, [], reason, installCommand);

    public bool CanRun => Kind != ExecutionKind.StaticOnly;

    /// <summary>
    /// What the summary says about a binary checked this way: <c>native</c>, <c>emulated (qemu-user 7.2.22)</c>,
    /// <c>emulated (wine 8.0)</c>, or <c>verified statically only (reason; to run it here: install command)</c>.
    /// </summary>
    public string Summary => Kind switch
    {
        ExecutionKind.Native => "native",
        ExecutionKind.Emulated => $"emulated ({Emulator!.Description})",
        _ => $"verified statically only ({Reason}{(InstallCommand is null ? "" : $"; to run it here: {InstallCommand}")})",
    };

    /// <summary>The time a step may take on this route, given what it may take natively.</summary>
    public TimeSpan Allow(TimeSpan native) => Kind == ExecutionKind.Emulated ? native * EmulatedSlowdown : native;
}
