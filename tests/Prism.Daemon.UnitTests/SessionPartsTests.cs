using System.Text.Json;
using Prism.Daemon.Portfolio;
using Prism.Daemon.Session;

namespace Prism.Daemon.UnitTests;

/// <summary>Small session parts: phone masking, expiry formats, portfolio flattening.</summary>
public sealed class SessionPartsTests
{
    [Fact]
    public void Phone_numbers_in_logs_keep_only_prefix_and_last_three_digits()
    {
        Assert.Equal("+49•••••••567", PhoneMask.Mask("+491701234567"));
        Assert.Equal("•••••", PhoneMask.Mask("+1234"));
    }

    [Theory]
    [InlineData("\"2026-11-25T10:00:00Z\"")]
    [InlineData("1795600800")]
    [InlineData("1795600800000")]
    public void Expiry_is_read_as_iso_text_or_epoch_seconds_or_milliseconds(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), WebLoginV2.ParseExpiry(document.RootElement));
    }

    [Fact]
    public void Positions_of_all_categories_are_flattened_with_decimals_as_plain_text()
    {
        const string payload = """{"categories":[{"positions":[{"isin":"A","netSize":1.10,"averageBuyIn":"2"}]},{"positions":[]},{"categoryType":"none"},{"positions":[{"isin":"B","netSize":"0.5","averageBuyIn":3e2,"name":"Bee"}]}]}""";

        var positions = PortfolioPayload.Positions(payload).Positions;

        Assert.Equal(["A", "B"], positions.Select(p => p.Isin));
        Assert.Equal(["1.10", "0.5"], positions.Select(p => p.Quantity));
        Assert.Equal(["2", "300"], positions.Select(p => p.AverageBuyIn));
        Assert.Equal([null, "Bee"], positions.Select(p => p.Name));
    }

    [Fact]
    public void Cash_that_is_not_a_list_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => PortfolioPayload.Cash("""{"amount":1}"""));
    }

    /// <summary>
    /// No calendar date: an epoch beyond the year 9999 (read as milliseconds, as any epoch past 10^11 is) or before
    /// year 1, or text that is no Unicode or no date.
    /// </summary>
    [Theory]
    [InlineData("253402300800000")]
    [InlineData("99999999999999999")]
    [InlineData("-62135596801")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"+99999-01-01T00:00:00Z\"")]
    public void An_expiry_no_calendar_holds_is_none(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(WebLoginV2.ParseExpiry(document.RootElement));
    }
}
