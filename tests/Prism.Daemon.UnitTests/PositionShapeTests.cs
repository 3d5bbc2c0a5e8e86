using Prism.Daemon.Portfolio;

namespace Prism.Daemon.UnitTests;

/// <summary>Positions read member by member: every form that can be listed is, with what could be read; the rest is left out and described.</summary>
public sealed class PositionShapeTests
{
    [Theory]
    [InlineData("\"71.2345\"", "71.2345")]
    [InlineData("71.2345", "71.2345")]
    [InlineData("""{"value":"98.76","currency":"EUR"}""", "98.76")]
    [InlineData("""{"value":98.760,"currency":"EUR"}""", "98.760")]
    [InlineData("\" 1.5E+2 \"", "150")]
    public void A_buy_in_is_read_as_a_decimal_or_from_an_object_with_a_value(string json, string expected)
    {
        var read = Read($$"""{"isin":"A","netSize":"1","averageBuyIn":{{json}}}""");

        Assert.Equal(expected, Assert.Single(read.Positions).AverageBuyIn);
        Assert.Empty(read.Oddities);
    }

    [Theory]
    [InlineData("", "no averageBuyIn")]
    [InlineData(""","averageBuyIn":null""", "no averageBuyIn")]
    [InlineData(""","averageBuyIn":["1"]""", "averageBuyIn is a list, not a decimal")]
    [InlineData(""","averageBuyIn":true""", "averageBuyIn is true, not a decimal")]
    [InlineData(""","averageBuyIn":"n/a" """, "averageBuyIn is a string, not a decimal")]
    [InlineData(""","averageBuyIn":{"amount":"1"}""", "averageBuyIn is an object without a decimal value")]
    [InlineData(""","averageBuyIn":"1","name":7""", "name is a number")]
    public void A_position_in_an_unexpected_form_is_listed_with_what_could_be_read(string members, string problem)
    {
        var read = Read($$"""{"isin":"A","netSize":"2"{{members}}}""");

        var position = Assert.Single(read.Positions);
        Assert.Equal(("A", "2"), (position.Isin, position.Quantity));
        var oddity = Assert.Single(read.Oddities);
        Assert.Equal(("A", false), (oddity.Id, oddity.LeftOut));
        Assert.Equal([problem], oddity.Problems);
    }

    [Fact]
    public void Without_isin_the_instrument_id_names_the_position()
    {
        var position = Assert.Single(Read("""{"instrumentId":"XF000BTC0017","netSize":"0.05","averageBuyIn":"41000"}""").Positions);

        Assert.Equal((null, "XF000BTC0017"), (position.Isin, position.InstrumentId));
    }

    [Theory]
    [InlineData("""{"netSize":"1","averageBuyIn":"1"}""", null, "neither isin nor instrumentId")]
    [InlineData("""{"isin":"","instrumentId":3,"netSize":"1","averageBuyIn":"1"}""", null, "isin is empty; instrumentId is a number; neither isin nor instrumentId")]
    [InlineData("""{"isin":"A","averageBuyIn":"1"}""", "A", "no netSize")]
    [InlineData("""{"isin":"A","netSize":{"value":"x"},"averageBuyIn":"1"}""", "A", "netSize is an object without a decimal value")]
    [InlineData("\"A\"", null, "a position that is a JSON string, not an object")]
    public void A_position_without_id_or_quantity_is_left_out_and_described(string position, string? id, string problems)
    {
        var read = PortfolioPayload.Positions($$"""{"categories":[{"positions":[{{position}},{"isin":"B","netSize":"1","averageBuyIn":"1"}]}]}""");

        Assert.Equal(["B"], read.Positions.Select(p => p.Isin));
        var oddity = Assert.Single(read.Oddities);
        Assert.Equal((id, true), (oddity.Id, oddity.LeftOut));
        Assert.Equal(problems, string.Join("; ", oddity.Problems));
    }

    [Theory]
    [InlineData("""{"positions":[]}""")]
    [InlineData("""{"categories":{}}""")]
    [InlineData("[]")]
    public void A_payload_without_a_list_of_categories_is_a_format_error_not_an_empty_portfolio(string payload)
    {
        Assert.Throws<FormatException>(() => PortfolioPayload.Positions(payload));
    }

    private static PortfolioPositions Read(string position) => PortfolioPayload.Positions($$"""{"categories":[{"positions":[{{position}}]}]}""");
}
