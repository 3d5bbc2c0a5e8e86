using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>The spelling of each <see cref="StagedMode"/>: the publish modes' names, joined by "+" for a mixed universal binary.</summary>
internal static class StagedModeNames
{
    private static readonly string Mixed = $"{PublishModeNames.NativeAot}+{PublishModeNames.SingleFile}";

    public static StagedMode Of(PublishMode mode) => mode == PublishMode.NativeAot ? StagedMode.NativeAot : StagedMode.SingleFile;

    /// <summary>The mode of a universal binary made of two slices staged in these modes.</summary>
    public static StagedMode Of(StagedMode intel, StagedMode appleSilicon) => intel == appleSilicon ? intel : StagedMode.NativeAotAndSingleFile;

    /// <summary>The publish mode of a binary staged in one mode; null for a mixed universal one.</summary>
    public static PublishMode? AsPublishMode(this StagedMode mode) => mode switch
    {
        StagedMode.NativeAot => PublishMode.NativeAot,
        StagedMode.SingleFile => PublishMode.SingleFile,
        _ => null,
    };

    public static string Name(this StagedMode mode) => mode.AsPublishMode() is { } single ? PublishModeNames.Of(single) : Mixed;

    /// <summary>Reads a name as <see cref="Name"/> writes it; earlier builds wrote a mixed one in either order.</summary>
    public static StagedMode? Parse(string? name) => name switch
    {
        PublishModeNames.NativeAot => StagedMode.NativeAot,
        PublishModeNames.SingleFile => StagedMode.SingleFile,
        _ when name == Mixed || name == $"{PublishModeNames.SingleFile}+{PublishModeNames.NativeAot}" => StagedMode.NativeAotAndSingleFile,
        _ => null,
    };
}
