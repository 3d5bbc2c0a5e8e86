using System.Text.Json;

namespace Prism.Pipeline.Release.Sbom;

/// <summary>
/// Writes a <see cref="SidecarBom"/> as CycloneDX 1.6 JSON. The same inputs give the same bytes: no serial number
/// (CycloneDX makes it optional; a random one would differ on every run), the time is the source's
/// (<c>SOURCE_DATE_EPOCH</c> or the commit's), properties and components in a fixed order.
/// </summary>
internal static class CycloneDxWriter
{
    public const string SpecVersion = "1.6";

    public static byte[] Write(SidecarBom bom, DateTimeOffset sourceTime, string toolVersion)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", SpecVersion);
            json.WriteNumber("version", 1);
            json.WriteStartObject("metadata");
            json.WriteString("timestamp", sourceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("name", "Prism build (Pack)");
            json.WriteString("version", toolVersion);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            WriteSidecar(json, bom);
            json.WriteEndObject();
            json.WriteStartArray("components");
            foreach (var package in Distinct(bom.Packages))
            {
                WritePackage(json, package);
            }

            json.WriteEndArray();
            json.WriteStartArray("dependencies");
            json.WriteStartObject();
            json.WriteString("ref", bom.FileName);
            json.WriteStartArray("dependsOn");
            foreach (var package in Distinct(bom.Packages).Where(package => package.Role != PackageRole.BuildTool))
            {
                json.WriteStringValue(package.Purl);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A universal binary's two slices share most packages: each once, by purl.</summary>
    private static IEnumerable<ResolvedPackage> Distinct(IEnumerable<ResolvedPackage> packages) =>
        packages.DistinctBy(package => package.Purl, StringComparer.Ordinal).OrderBy(package => package.Purl, StringComparer.Ordinal);

    private static void WriteSidecar(Utf8JsonWriter json, SidecarBom bom)
    {
        json.WriteStartObject("component");
        json.WriteString("type", "application");
        json.WriteString("bom-ref", bom.FileName);
        json.WriteString("name", bom.Sidecar);
        json.WriteString("version", bom.Version);
        WriteHash(json, "SHA-256", bom.Sha256);
        json.WriteStartArray("properties");
        WriteProperty(json, "prism:file", bom.FileName);
        WriteProperty(json, "prism:triple", bom.Triple);
        foreach (var rid in bom.Rids)
        {
            WriteProperty(json, "prism:rid", rid);
        }

        WriteProperty(json, "prism:publish-mode", bom.PublishMode);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, ResolvedPackage package)
    {
        json.WriteStartObject();
        json.WriteString("type", package.Role == PackageRole.RuntimePack ? "framework" : "library");
        json.WriteString("bom-ref", package.Purl);
        json.WriteString("name", package.Id);
        json.WriteString("version", package.Version);
        // Build tools shape the binary without shipping their own code: CycloneDX's "excluded" scope.
        json.WriteString("scope", package.Role == PackageRole.BuildTool ? "excluded" : "required");
        WriteHash(json, "SHA-512", package.Sha512Hex);
        WriteLicence(json, package.Licence);
        json.WriteString("purl", package.Purl);
        json.WriteStartArray("properties");
        WriteProperty(json, "prism:role", package.Role switch
        {
            PackageRole.RuntimePack => "runtime-pack",
            PackageRole.BuildTool => "build-tool",
            _ => "library",
        });
        // NuGet's content hash as the lock file writes it, so it can be compared without conversion.
        WriteProperty(json, "nuget:contentHash", package.Sha512);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteHash(Utf8JsonWriter json, string algorithm, string hex)
    {
        json.WriteStartArray("hashes");
        json.WriteStartObject();
        json.WriteString("alg", algorithm);
        json.WriteString("content", hex);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>An SPDX expression as CycloneDX's expression; a licence file or URL as a named licence; nothing declared, nothing written.</summary>
    private static void WriteLicence(Utf8JsonWriter json, PackageLicence licence)
    {
        if (licence == PackageLicence.None)
        {
            return;
        }

        json.WriteStartArray("licenses");
        json.WriteStartObject();
        if (licence.Expression is { } expression)
        {
            json.WriteString("expression", expression);
        }
        else
        {
            json.WriteStartObject("license");
            json.WriteString("name", licence.File is { } file ? $"the file {file} in the package" : "declared by URL only");
            if (licence.Url is { } url)
            {
                json.WriteString("url", url);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
