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

    /// <summary>A string that is no Unicode text (an unpaired surrogate escape) counts as a member of an unexpected form.</summary>
    [Theory]
    [InlineData(""","name":"Ad\ud800idas" """, "name is a string that is not Unicode text")]
    [InlineData(""","averageBuyIn":"1\udc00" """, "averageBuyIn is a string that is not Unicode text, not a decimal")]
    [InlineData(""","averageBuyIn":{"value":"\udbff"}""", "averageBuyIn is an object without a decimal value")]
    public void Text_that_is_not_unicode_costs_the_member_it_is_in(string members, string problem)
    {
        var read = Read($$"""{"isin":"A","netSize":"2","averageBuyIn":"1"{{members}}}""");

        Assert.Equal(("A", "2"), (Assert.Single(read.Positions).Isin, read.Positions[0].Quantity));
        Assert.Equal([problem], Assert.Single(read.Oddities).Problems);
    }

    [Theory]
    [InlineData("""{"isin":"\ud800","netSize":"1","averageBuyIn":"1"}""", null, "isin is a string that is not Unicode text; neither isin nor instrumentId")]
    [InlineData("""{"isin":"A","netSize":"\udc00"}""", "A", "netSize is a string that is not Unicode text, not a decimal; no averageBuyIn")]
    public void A_position_whose_id_or_quantity_is_not_unicode_is_left_out_alone(string position, string? id, string problems)
    {
        var read = PortfolioPayload.Positions($$"""{"categories":[{"positions":[{{position}},{"isin":"B","netSize":"1","averageBuyIn":"1"}]}]}""");

        Assert.Equal(["B"], read.Positions.Select(p => p.Isin));
        Assert.Equal((id, true), (read.Oddities[0].Id, read.Oddities[0].LeftOut));
        Assert.Equal(problems, string.Join("; ", read.Oddities[0].Problems));
    }

    /// <summary>
    /// A member name that is no text, anywhere (here last, where a lookup by name starts, and with a low surrogate,
    /// which the lookup throws at): no member, and every other member is read.
    /// </summary>
    [Fact]
    public void A_member_name_that_is_not_unicode_hides_no_other_member()
    {
        var read = PortfolioPayload.Positions("""{"categories":[{"positions":[{"isin":"A","netSize":"2","averageBuyIn":"3","\udfff":1}],"\udfff":0}],"\udfff":0}""");

        Assert.Equal(("A", "2", "3"), (Assert.Single(read.Positions).Isin, read.Positions[0].Quantity, read.Positions[0].AverageBuyIn));
        Assert.Empty(read.Oddities);
    }

    [Fact]
    public void A_security_in_several_categories_is_one_position_with_summed_quantity_and_weighted_buy_in()
    {
        var read = PortfolioPayload.Positions("""{"categories":[{"positions":[{"isin":"A","name":"Fund","netSize":"12.5","averageBuyIn":"71.2345"},{"isin":"B","netSize":"1","averageBuyIn":"9"}]},{"positions":[{"isin":"A","netSize":7.5,"averageBuyIn":{"value":"65.10"}}]}]}""");

        Assert.Equal(
            ["A Fund 20.0 68.9340625", "B  1 9"],
            read.Positions.Select(p => $"{p.Isin} {p.Name} {p.Quantity} {p.AverageBuyIn}"));
        Assert.Empty(read.Oddities);
    }

    [Theory]
    [InlineData("""{"isin":"A","netSize":"2","averageBuyIn":"5"},{"isin":"A","netSize":"1"}""", "3", "held in 2 categories with a buy-in missing in one of them; listed without a buy-in")]
    [InlineData("""{"isin":"A","netSize":"2","averageBuyIn":"5"},{"isin":"A","netSize":"-2","averageBuyIn":"4"}""", "0", "held in 2 categories with quantities that add up to zero; listed without a buy-in")]
    public void Without_every_buy_in_or_with_no_quantity_left_the_merged_position_has_no_buy_in(string positions, string quantity, string problem)
    {
        var read = PortfolioPayload.Positions($$"""{"categories":[{"positions":[{{positions}}]}]}""");

        var position = Assert.Single(read.Positions);
        Assert.Equal((quantity, null), (position.Quantity, position.AverageBuyIn));
        Assert.Contains(read.Oddities, oddity => oddity.Problems.Contains(problem));
    }
}
