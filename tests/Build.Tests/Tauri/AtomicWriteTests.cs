using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class AtomicWriteTests
{
    private const string Config = "{\n  \"identifier\": \"a.b\"\n}\n";

    [Fact]
    public void Failed_write_leaves_the_original_bytes_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        var failingFile = new AtomicFile(temporary => new FailingStream(temporary, bytesBeforeFailure: 10));

        Assert.Throws<IOException>(() => new TauriConfigPatcher(ConfigFixture.Validator, failingFile).Patch(path, ConfigFixture.Sidecars));

        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Failure_after_the_content_is_written_still_keeps_the_original()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        var failingFile = new AtomicFile(temporary => new FailingStream(temporary, bytesBeforeFailure: int.MaxValue, failOnDispose: true));

        Assert.Throws<IOException>(() => failingFile.WriteAllBytes(path, "{}"u8));

        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Successful_write_replaces_the_content_and_keeps_the_unix_mode()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        new AtomicFile().WriteAllBytes(path, "{}"u8);

        Assert.Equal("{}", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(mode, File.GetUnixFileMode(path));
        }

        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    /// <summary>A real temporary file that throws after some bytes, or when closed, like a full disk would.</summary>
    internal sealed class FailingStream(string path, int bytesBeforeFailure, bool failOnDispose = false)
        : FileStream(path, FileMode.CreateNew)
    {
        private int written;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var allowed = Math.Min(buffer.Length, bytesBeforeFailure - written);
            base.Write(buffer[..allowed]);
            written += allowed;
            if (allowed < buffer.Length)
            {
                throw new IOException("No space left on device");
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && failOnDispose)
            {
                throw new IOException("No space left on device");
            }
        }
    }
}
