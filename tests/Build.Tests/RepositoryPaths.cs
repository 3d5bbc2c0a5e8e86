namespace Prism.Pipeline.Tests;

/// <summary>Paths of the repository the tests run from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding global.json, found by walking up from the test binaries.</summary>
    public static string Root => RepositoryRoot.Path;

    /// <summary>Tauri's config schema as the build finds it: installed by `npm ci`, or fetched once from the registry.</summary>
    public static string TauriSchema { get; } = new Prism.Pipeline.Tauri.TauriSchemaSource()
        .LocateAsync(Root, Prism.Pipeline.Engine.BuildContext.ProcessEnvironment(), CancellationToken.None)
        .GetAwaiter().GetResult();
}
