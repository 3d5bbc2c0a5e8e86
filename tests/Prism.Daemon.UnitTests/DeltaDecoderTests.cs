using Prism.Daemon.Portfolio;

namespace Prism.Daemon.UnitTests;

/// <summary>Trade Republic's D-frame delta: copy, skip, insert URL-encoded text over the previous payload.</summary>
public sealed class DeltaDecoderTests
{
    [Fact]
    public void Copy_skip_and_insert_rebuild_the_new_payload()
    {
        const string previous = """{"netSize":"10","name":"A"}""";

        var next = DeltaDecoder.Apply(previous, "=12\t-2\t+12.5\t=13");

        Assert.Equal("""{"netSize":"12.5","name":"A"}""", next);
    }

    [Fact]
    public void Inserted_text_is_url_decoded_with_plus_as_space()
    {
        var next = DeltaDecoder.Apply("ab", "=1\t+x+y%2Bz%22%7B\t=1");

        Assert.Equal("ax y+z\"{b", next);
    }

    [Fact]
    public void A_delta_of_only_insertions_replaces_the_payload()
    {
        Assert.Equal("[]", DeltaDecoder.Apply("""{"old":true}""", "-12\t+%5B%5D"));
    }

    [Theory]
    [InlineData("=99")]
    [InlineData("-3\t=1")]
    [InlineData("=x")]
    [InlineData("*3")]
    public void Delta_that_does_not_fit_the_previous_payload_is_a_format_error(string delta)
    {
        var error = Assert.Throws<FormatException>(() => DeltaDecoder.Apply("abc", delta));

        Assert.Contains("Delta operation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_are_split_into_id_kind_and_payload()
    {
        Assert.Equal(new SubscriptionFrame(7, FrameKind.Delta, "=1\t+a"), SubscriptionFrame.TryParse("7 D =1\t+a"));
        Assert.Equal(new SubscriptionFrame(3, FrameKind.Closed, ""), SubscriptionFrame.TryParse("3 C"));
        Assert.Null(SubscriptionFrame.TryParse("connected"));
        Assert.Null(SubscriptionFrame.TryParse("7 X {}"));
    }

    /// <summary>Counts that cut between the halves of a surrogate pair leave text that is none: the delta is unreadable, not the process.</summary>
    [Fact]
    public void A_delta_that_splits_a_surrogate_pair_is_a_format_error()
    {
        var error = Assert.Throws<FormatException>(() => DeltaDecoder.Apply("\"\ud83d\ude00\"", "=2\t+x\t-2"));

        Assert.Contains("surrogate pair", error.Message, StringComparison.Ordinal);
    }
}
