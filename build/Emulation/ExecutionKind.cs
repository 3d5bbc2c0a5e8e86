namespace Prism.Pipeline.Emulation;

/// <summary>Whether this machine runs a platform's binaries itself, through an emulator, or not at all.</summary>
internal enum ExecutionKind
{
    Native,
    Emulated,
    StaticOnly,
}
