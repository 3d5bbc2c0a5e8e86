using System.Runtime.InteropServices;

namespace Prism.Platform;

/// <summary>One row of the fixed table: a .NET runtime identifier, the Rust target triple Tauri names it by,
/// and the operating system and processor architecture both describe.</summary>
public sealed record RuntimeTarget(string Rid, string Triple, TargetOs Os, Architecture Architecture);
