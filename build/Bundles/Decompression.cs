using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Opens a possibly compressed member of a package by its magic bytes: gzip (Tauri's .deb, and its .rpm by default),
/// or the other compressions Tauri's <c>bundle.linux.rpm.compression</c> offers and Debian tools write — zstd, xz and
/// bzip2, through SharpCompress — or none.
/// </summary>
internal static class Decompression
{
    /// <summary>A stream of the uncompressed bytes of <paramref name="compressed"/>, which must be seekable.</summary>
    public static Stream Open(Stream compressed)
    {
        Span<byte> magic = stackalloc byte[6];
        var start = compressed.Position;
        var read = compressed.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        compressed.Position = start;
        return magic[..read] switch
        {
            [0x1F, 0x8B, ..] => new GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true),
            [0x28, 0xB5, 0x2F, 0xFD, ..] => new DecompressionStream(compressed, leaveOpen: true),
            [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00] => new XZStream(compressed),
            [(byte)'B', (byte)'Z', (byte)'h', ..] => BZip2Stream.Create(compressed, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true),
            _ => compressed,
        };
    }
}
