namespace Prism.Pipeline.Bundles;

/// <summary>A file in a bundle's program folder (<c>usr/bin</c>, <c>Contents/MacOS</c>, the install folder): where it is in
/// the bundle, whether its mode lets it run (always true where the format has no such bit), and its bytes.</summary>
internal sealed record BundledProgram(string PathInBundle, bool Executable, byte[] Bytes);
