using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>What a publish left: the executable and whether it was rebuilt or found up to date.</summary>
internal sealed record PublishedBinary(PublishRequest Request, bool UpToDate)
{
    public AbsolutePath Path => Request.Executable;
}
