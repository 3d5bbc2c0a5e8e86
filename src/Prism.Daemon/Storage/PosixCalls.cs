using System.Runtime.InteropServices;

namespace Prism.Daemon.Storage;

/// <summary>
/// The few C library calls .NET has no API for: the process's effective user id, the dump and core limits, and an
/// open that refuses a symbolic link. Linux and macOS only; each caller checks the OS first. The constants differ
/// per OS (and for <c>O_NOFOLLOW</c> per Linux architecture), so they are chosen here, once.
/// </summary>
internal static partial class PosixCalls
{
    private const string LibC = "libc";

    /// <summary><c>PR_SET_DUMPABLE</c> (Linux, every architecture).</summary>
    public const int PrSetDumpable = 4;

    /// <summary><c>RLIMIT_CORE</c>: 4 on Linux (every architecture the daemon ships for) and on macOS.</summary>
    public const int RlimitCore = 4;

    /// <summary><c>ELOOP</c>: what <c>open</c> with <c>O_NOFOLLOW</c> answers for a link.</summary>
    public static int LinkRefused => OperatingSystem.IsMacOS() ? 62 : 40;

    /// <summary><c>ENOENT</c> (2 on both).</summary>
    public const int NoSuchFile = 2;

    /// <summary><c>EACCES</c> and <c>EPERM</c> (13 and 1 on both).</summary>
    public static bool IsPermissionDenied(int errno) => errno is 13 or 1;

    /// <summary><c>O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK</c> for this OS and architecture (non-blocking: a FIFO planted in place of a file must not hang the read).</summary>
    public static int ReadNoFollowFlags => OperatingSystem.IsMacOS()
        ? 0x100 | 0x1000000 | 0x4
        : (RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000) | 0x80000 | 0x800;

    /// <summary>A resource limit: <c>rlim_t</c> is pointer-sized on glibc (64-bit and 32-bit) and 64-bit on macOS and 64-bit musl.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ResourceLimit
    {
        public nuint Current;
        public nuint Maximum;
    }

    [LibraryImport(LibC, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport(LibC, EntryPoint = "prctl", SetLastError = true)]
    public static partial int SetProcessOption(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [LibraryImport(LibC, EntryPoint = "setrlimit", SetLastError = true)]
    public static partial int SetResourceLimit(int resource, in ResourceLimit limit);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);
}
