using System.Runtime.InteropServices;

namespace Prism.Platform;

/// <summary>One row of the fixed table: a .NET runtime identifier, the Rust target triple Tauri names it by,
/// and the operating system and processor architecture both describe.</summary>
public sealed record RuntimeTarget(string Rid, string Triple, TargetOs Os, Architecture Architecture)
{
    /// <summary>A Linux target built against musl instead of glibc (its RID says so: linux-musl-*).</summary>
    public bool IsMusl => Rid.StartsWith("linux-musl-", StringComparison.Ordinal);
}
