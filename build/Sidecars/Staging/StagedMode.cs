using System.Text.Json.Serialization;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>How a staged binary was published: in one mode, or — a universal binary whose two slices were published
/// differently — in both. Records and the release manifest spell it as people do (<see cref="StagedModeNames"/>).</summary>
[JsonConverter(typeof(StagedModeJsonConverter))]
public enum StagedMode
{
    NativeAot,
    SingleFile,
    NativeAotAndSingleFile,
}
