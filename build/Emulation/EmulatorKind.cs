namespace Prism.Pipeline.Emulation;

/// <summary>The emulators the build knows how to drive: qemu's user-mode emulation and Wine.</summary>
internal enum EmulatorKind
{
    QemuUser,
    Wine,
}
