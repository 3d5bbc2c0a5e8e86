using Prism.Daemon.Portfolio;

namespace Prism.Daemon.UnitTests;

/// <summary>What the <c>instrument</c> answer tells a price: the first exchange, the short name, and whether it is a bond.</summary>
public sealed class InstrumentDetailsTests
{
    [Theory]
    [InlineData("""{"shortName":"Apple","exchangeIds":["TDG","LSX"],"typeId":"stock"}""", "Apple", "TDG", "stock")]
    [InlineData("""{"name":"Apple Inc.","exchangeIds":[7,"","LSX"]}""", "Apple Inc.", "LSX", null)]
    [InlineData("""{"shortName":"Wirecard","exchangeIds":[],"type":"stock"}""", "Wirecard", null, "stock")]
    [InlineData("""{"exchangeIds":"LSX"}""", null, null, null)]
    public void Details_are_the_short_name_the_first_exchange_and_the_type(string payload, string? name, string? exchange, string? type)
    {
        Assert.Equal(new InstrumentDetails(name, exchange, type), InstrumentDetails.Read(payload));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"shortName\":")]
    public void Details_that_are_not_a_json_object_are_none(string payload)
    {
        Assert.Null(InstrumentDetails.Read(payload));
    }

    [Theory]
    [InlineData("bond", "Bundesrep.Deutschland Anl.v.2023", true)]
    [InlineData("BOND", null, true)]
    [InlineData("corporateBond", null, true)]
    [InlineData("derivative", "Apple Call Dec 2026", false)]
    [InlineData("stock", "Apple", false)]
    [InlineData(null, "Bund Aug 2033", true)]
    [InlineData(null, "Anleihe März 2030", true)]
    [InlineData(null, "Bundesanleihe Sept. 2031", true)]
    [InlineData(null, "Core MSCI World USD (Acc)", false)]
    [InlineData(null, "Augustus 2033 Fund", false)]
    [InlineData(null, "Bund 2033", false)]
    public void A_bond_is_known_by_its_type_else_by_a_maturity_in_its_name(string? type, string? shortName, bool bond)
    {
        Assert.Equal(bond, InstrumentDetails.IsBond(new InstrumentDetails(shortName, "LSX", type), positionName: null));
    }

    [Fact]
    public void Without_details_the_positions_own_name_tells_a_bond()
    {
        Assert.True(InstrumentDetails.IsBond(null, "Bund Aug 2033"));
        Assert.False(InstrumentDetails.IsBond(null, null));
    }

    /// <summary>Text that is no Unicode costs its member: the long name stands in for the short one, the next exchange for the first.</summary>
    [Fact]
    public void Details_with_text_that_is_not_unicode_keep_what_is_readable()
    {
        Assert.Equal(
            new InstrumentDetails("Apple Inc.", "TDG", null),
            InstrumentDetails.Read("""{"shortName":"App\udc00le","name":"Apple Inc.","exchangeIds":["\ud800","TDG"],"typeId":"\udfff","\udfff":1}"""));
    }
}
