using System.Text.Json;
using System.Text.Json.Serialization;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>
/// What Stage put into <c>src-tauri/binaries</c>, recorded beside the build's artifacts so later steps (Verify, Smoke,
/// Pack — possibly in another job that downloaded the files) take it as data instead of guessing from file names.
/// </summary>
/// <param name="Runtime">The runtime it was published for; null for the universal macOS binary lipo made of two
/// (written as "Rid", the name records have always had).</param>
/// <param name="Triple">The triple it is staged under: the runtime's, or universal-apple-darwin.</param>
internal sealed record StagedBinary(
    string Sidecar,
    SidecarKind Kind,
    [property: JsonPropertyName("Rid"), JsonConverter(typeof(StagedRuntimeJsonConverter))] RuntimeTarget? Runtime,
    string Triple,
    StagedMode Mode,
    string FileName,
    long Size,
    string Sha256)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>How this single-slice binary was published; null for a universal binary made of two slices.</summary>
    public PublishMode? PublishedAs => Runtime is null ? null : Mode.AsPublishMode();

    /// <summary>The runtimes in the file: its own, or both macOS slices of a universal binary (not written: it follows from <see cref="Runtime"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Rids => Runtime is { } runtime ? [runtime.Rid] : TargetTable.UniversalAppleDarwinRids;

    /// <summary>Describes a file already in the binaries folder, published for <paramref name="runtime"/> and staged under its triple.</summary>
    public static StagedBinary Describe(Sidecar sidecar, RuntimeTarget runtime, StagedMode mode, AbsolutePath file) =>
        new(sidecar.Name, sidecar.Kind, runtime, runtime.Triple, mode, file.Name, new FileInfo(file).Length, ContentHash.Sha256(file));

    /// <summary>Describes a universal macOS binary already in the binaries folder.</summary>
    public static StagedBinary DescribeUniversal(Sidecar sidecar, StagedMode mode, AbsolutePath file) =>
        new(sidecar.Name, sidecar.Kind, null, TargetTable.UniversalAppleDarwin, mode, file.Name, new FileInfo(file).Length, ContentHash.Sha256(file));

    public void Save(AbsolutePath recordsDirectory)
    {
        Directory.CreateDirectory(recordsDirectory);
        new AtomicFile().WriteAllBytes(recordsDirectory / (FileName + ".json"), JsonSerializer.SerializeToUtf8Bytes(this, Json));
    }

    /// <summary>
    /// The record for a staged file name, or null when Stage never recorded it. A record that names another file — a
    /// path with separators, <c>..</c> or a root among them — is refused: Verify, Smoke and Pack read the file it
    /// names in the binaries folder, and Pack writes that name into an archive.
    /// </summary>
    public static StagedBinary? Load(AbsolutePath recordsDirectory, string fileName)
    {
        var path = recordsDirectory / (fileName + ".json");
        StagedBinary? record;
        try
        {
            record = path.FileExists ? JsonSerializer.Deserialize<StagedBinary>(File.ReadAllBytes(path), Json) : null;
        }
        catch (JsonException error)
        {
            throw BuildException.Failure($"{path} is not a staging record this build can read ({error.Message}). " +
                                         $"Run Stage again for {fileName}, which writes it anew.");
        }

        if (record is not null && record.FileName != fileName)
        {
            throw BuildException.Failure($"{path} is the staging record of {fileName} but names the file '{record.FileName}' " +
                                         $"(a staged file is named by its file name alone, with no folder, '..' or root), so it is not used. " +
                                         $"Delete it and run Stage again for {fileName}, which writes it anew.");
        }

        return record is null || record.Triple == (record.Runtime?.Triple ?? TargetTable.UniversalAppleDarwin)
            ? record
            : throw BuildException.Failure($"{path} says {fileName} is for {record.Runtime?.Rid ?? "no single runtime"}, staged under {record.Triple}: " +
                                           $"Stage stages a runtime under its own triple ({record.Runtime?.Triple ?? TargetTable.UniversalAppleDarwin}). " +
                                           $"Run Stage again for {fileName}, which writes it anew.");
    }
}
