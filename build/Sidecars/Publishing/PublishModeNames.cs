namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>The names of the modes as people, records, the test suites and the release manifest spell them.</summary>
public static class PublishModeNames
{
    public const string NativeAot = "aot";
    public const string SingleFile = "single-file";

    public static string Of(PublishMode mode) => mode == PublishMode.NativeAot ? NativeAot : SingleFile;
}
