namespace Prism.Pipeline.Release.Sbom;

/// <summary>What a package is to a published sidecar.</summary>
internal enum PackageRole
{
    /// <summary>A library whose code is compiled into the binary.</summary>
    Library,

    /// <summary>A runtime pack: the framework (and, for Native AOT, the runtime) compiled into a self-contained binary.</summary>
    RuntimePack,

    /// <summary>A tool the publish runs (the Native AOT compiler, the trimmer, crossgen2): shapes the binary, ships none of its own code.</summary>
    BuildTool,
}
