namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>How a sidecar was published.</summary>
public enum PublishMode
{
    NativeAot,
    SingleFile,
}

/// <summary>The mode people ask for: <c>auto</c> picks Native AOT where this machine can compile it.</summary>
internal enum PublishModeChoice
{
    Auto,
    Aot,
    SingleFile,
}

/// <summary>The names of the modes as people, records, the test suites and the release manifest spell them.</summary>
public static class PublishModeNames
{
    public const string NativeAot = "aot";
    public const string SingleFile = "single-file";

    public static string Of(PublishMode mode) => mode == PublishMode.NativeAot ? NativeAot : SingleFile;
}
