using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>What the Tauri tests share: the schema loaded once, the pipeline's two sidecars, and a patch helper.</summary>
internal static class ConfigFixture
{
    public static readonly string[] Sidecars = ["src-tauri/binaries/prism", "src-tauri/binaries/tr-daemon"];

    public static TauriSchemaValidator Validator { get; } = TauriSchemaValidator.Load(RepositoryPaths.TauriSchema);

    /// <summary>Writes <paramref name="config"/> as tauri.conf.json in <paramref name="folder"/>, patches it with both sidecars
    /// (and the Linux package dependencies, when given), and returns the new text.</summary>
    public static string PatchText(TemporaryFolder folder, string config, IReadOnlyList<LinuxPackageDependency>? dependencies = null, string fileName = "tauri.conf.json")
    {
        var path = folder.Write(fileName, config);
        new TauriConfigPatcher(Validator).Patch(path, Sidecars, dependencies ?? []);
        return File.ReadAllText(path);
    }

    /// <summary>Patches a config that must fail, asserts the file kept its bytes, and returns the error message.</summary>
    public static string PatchError(TemporaryFolder folder, string config, params string[] entries) =>
        PatchErrorIn(folder, "tauri.conf.json", config, entries, []);

    /// <summary>As <see cref="PatchError"/> (with the Linux package dependencies too), for a config named
    /// <paramref name="fileName"/> (tauri.conf.json5, Tauri.toml).</summary>
    public static string PatchErrorNamed(TemporaryFolder folder, string fileName, string config) =>
        PatchErrorIn(folder, fileName, config, [], LinuxPackageDependency.OpenSsl3);

    private static string PatchErrorIn(TemporaryFolder folder, string fileName, string config, string[] entries, IReadOnlyList<LinuxPackageDependency> dependencies)
    {
        var path = folder.Write(fileName, config);
        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<TauriConfigException>(() => new TauriConfigPatcher(Validator).Patch(path, entries.Length == 0 ? Sidecars : entries, dependencies));
        Assert.Equal(before, File.ReadAllBytes(path));
        return error.Message.Replace(path, fileName, StringComparison.Ordinal);
    }
}
