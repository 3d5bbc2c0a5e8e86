using System.Globalization;
using System.Text;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Reads a cpio archive in the "new ASCII" format (<c>070701</c>, or <c>070702</c> with checksums) that RPM payloads
/// use, as cpio(5) documents it: a 110-byte header of thirteen 8-digit hex fields, the NUL-terminated name, the data,
/// each padded to 4 bytes; <c>TRAILER!!!</c> ends it.
/// </summary>
internal static class CpioArchive
{
    private const int HeaderSize = 110;
    private const uint FileTypeMask = 0xF000, RegularFile = 0x8000, OwnerExecute = 0x40;

    /// <summary>The regular files, with paths without their leading <c>./</c> or <c>/</c>.</summary>
    /// <exception cref="InvalidDataException">The archive is not in that format, or ends early.</exception>
    public static List<(string Path, bool Executable, byte[] Bytes)> ReadFiles(Stream archive)
    {
        var files = new List<(string, bool, byte[])>();
        long position = 0;
        while (true)
        {
            var header = Read(archive, HeaderSize, ref position);
            var magic = Encoding.ASCII.GetString(header, 0, 6);
            if (magic is not ("070701" or "070702"))
            {
                throw new InvalidDataException($"cpio entry with magic '{magic}' at byte {position - HeaderSize}: only the new ASCII format (070701) is read");
            }

            var mode = Field(header, 1);
            var size = Field(header, 6);
            var nameSize = Field(header, 11);
            var name = Encoding.UTF8.GetString(Read(archive, checked((int)nameSize), ref position)).TrimEnd('\0');
            Skip(archive, Padding(position), ref position);
            if (name == "TRAILER!!!")
            {
                return files;
            }

            var data = Read(archive, checked((int)size), ref position);
            Skip(archive, Padding(position), ref position);
            if ((mode & FileTypeMask) == RegularFile)
            {
                files.Add(((name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name).TrimStart('/'), (mode & OwnerExecute) != 0, data));
            }
        }
    }

    /// <summary>The header's field <paramref name="index"/> (0 = c_ino) after the 6-byte magic.</summary>
    private static uint Field(byte[] header, int index) =>
        uint.TryParse(Encoding.ASCII.GetString(header, 6 + (index * 8), 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException("a cpio header field is not hexadecimal");

    private static int Padding(long position) => (int)((4 - (position % 4)) % 4);

    private static byte[] Read(Stream stream, int count, ref long position)
    {
        var buffer = new byte[count];
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException("the cpio payload ends early (a truncated package?)", error);
        }

        position += count;
        return buffer;
    }

    private static void Skip(Stream stream, int count, ref long position) => Read(stream, count, ref position);
}
