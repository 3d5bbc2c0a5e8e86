namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>How a sidecar was published.</summary>
public enum PublishMode
{
    NativeAot,
    SingleFile,
}
