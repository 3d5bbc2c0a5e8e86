namespace Prism.Pipeline.Engine;

/// <summary>A full path with NUKE's <c>/</c> operator, so builds name their folders as properties: <c>RootDirectory / "artifacts"</c>.</summary>
public readonly record struct AbsolutePath
{
    public AbsolutePath(string path) => Value = Path.GetFullPath(path);

    public string Value { get; }

    public string Name => Path.GetFileName(Value);

    public AbsolutePath Parent => new(Path.GetDirectoryName(Value) ?? Value);

    public bool FileExists => File.Exists(Value);

    public bool DirectoryExists => Directory.Exists(Value);

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.Combine(left.Value, right));

    public static implicit operator string(AbsolutePath path) => path.Value;

    /// <summary>This path relative to <paramref name="folder"/>, with forward slashes (as configs and people write it).</summary>
    public string RelativeTo(AbsolutePath folder) => Path.GetRelativePath(folder.Value, Value).Replace('\\', '/');

    public override string ToString() => Value;
}
