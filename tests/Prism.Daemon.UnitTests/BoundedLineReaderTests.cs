using System.Text;
using Prism.Daemon.Transport;

namespace Prism.Daemon.UnitTests;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task Splits_on_LF_and_drops_a_CR_before_it()
    {
        var reader = ReaderOver("one\r\ntwo\nthree", limit: 100);

        Assert.Equal("one", await NextTextAsync(reader));
        Assert.Equal("two", await NextTextAsync(reader));
        Assert.Equal("three", await NextTextAsync(reader));
        Assert.IsType<EndOfInput>(await reader.ReadLineAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Line_at_the_limit_is_read_and_one_byte_more_is_reported_with_its_length()
    {
        var reader = ReaderOver(new string('a', 10) + "\n" + new string('b', 11) + "\nafter\n", limit: 10);

        Assert.Equal(new string('a', 10), await NextTextAsync(reader));
        var overlong = Assert.IsType<OverlongLine>(await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        Assert.Equal(11, overlong.Length);
        Assert.Equal("after", await NextTextAsync(reader));
    }

    [Fact]
    public async Task Lines_split_across_many_small_reads_come_out_whole()
    {
        var reader = new BoundedLineReader(new OneByteAtATimeStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"b\":2}\n")), maxLineBytes: 100);

        Assert.Equal("{\"a\":1}", await NextTextAsync(reader));
        Assert.Equal("{\"b\":2}", await NextTextAsync(reader));
    }

    private static BoundedLineReader ReaderOver(string text, int limit) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), limit);

    private static async Task<string> NextTextAsync(BoundedLineReader reader) =>
        Encoding.UTF8.GetString(Assert.IsType<CompleteLine>(await reader.ReadLineAsync(TestContext.Current.CancellationToken)).Utf8);

    /// <summary>A pipe at its slowest: every read returns a single byte.</summary>
    private sealed class OneByteAtATimeStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
