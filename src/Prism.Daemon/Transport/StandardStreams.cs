using Microsoft.Win32.SafeHandles;

namespace Prism.Daemon.Transport;

/// <summary>
/// stdin and stdout as plain pipes (file descriptors 0 and 1) on Unix, not as <see cref="Console"/> streams, for two
/// reasons seen on .NET 10: every Console stream write takes one process-wide lock, so a log line stuck on a full
/// stderr would also stop every protocol reply; and a Console stream silently ignores EPIPE, so a daemon whose stdout
/// was closed would go on answering into nothing. A FileStream reports the closed pipe as an IOException.
/// Windows keeps the Console streams.
/// </summary>
internal static class StandardStreams
{
    public static Stream OpenInput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardInput() : Descriptor(0, FileAccess.Read);

    public static Stream OpenOutput() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : Descriptor(1, FileAccess.Write);

    // bufferSize 0: every protocol line is written (and flushed) by ProtocolWriter as it is, no second buffer.
    private static FileStream Descriptor(int descriptor, FileAccess access) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
}
