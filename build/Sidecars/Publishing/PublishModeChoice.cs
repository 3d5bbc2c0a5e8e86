namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>The mode people ask for: <c>auto</c> picks Native AOT where this machine can compile it.</summary>
internal enum PublishModeChoice
{
    Auto,
    Aot,
    SingleFile,
}
