using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Sidecars;

/// <summary>
/// What Stage put into <c>src-tauri/binaries</c>, recorded beside the build's artifacts so later steps (Verify, Smoke,
/// Pack — possibly in another job that downloaded the files) take it as data instead of guessing from file names.
/// </summary>
internal sealed record StagedBinary(string Sidecar, SidecarKind Kind, string Rid, string Triple, string Mode, string FileName, long Size, string Sha256)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>How this single-slice binary was published; null for a universal binary made of two slices.</summary>
    public PublishMode? PublishedAs => Mode switch
    {
        "aot" => PublishMode.NativeAot,
        "single-file" => PublishMode.SingleFile,
        _ => null,
    };

    /// <summary>Describes a file already in the binaries folder.</summary>
    public static StagedBinary Describe(Sidecar sidecar, string rid, string triple, string mode, AbsolutePath file) =>
        new(sidecar.Name, sidecar.Kind, rid, triple, mode, file.Name, new FileInfo(file).Length, Sha256Of(file));

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Save(AbsolutePath recordsDirectory)
    {
        Directory.CreateDirectory(recordsDirectory);
        new AtomicFile().WriteAllBytes(recordsDirectory / (FileName + ".json"), JsonSerializer.SerializeToUtf8Bytes(this, Json));
    }

    /// <summary>The record for a staged file name, or null when Stage never recorded it.</summary>
    public static StagedBinary? Load(AbsolutePath recordsDirectory, string fileName)
    {
        var path = recordsDirectory / (fileName + ".json");
        return path.FileExists ? JsonSerializer.Deserialize<StagedBinary>(File.ReadAllBytes(path), Json) : null;
    }
}
