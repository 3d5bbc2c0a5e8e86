using System.Text.Json;
using Prism.Daemon.Portfolio;

namespace Prism.Daemon.UnitTests;

/// <summary>A ticker's price with the digits Trade Republic sent (last trade, else bid), and a position's value in decimal arithmetic.</summary>
public sealed class PriceTests
{
    [Theory]
    [InlineData("""{"bid":{"price":101.2},"ask":{"price":101.3},"last":{"time":1767261590000,"price":101.25,"size":3},"qualityId":"realtime"}""", "101.25")]
    [InlineData("""{"bid":{"price":"101.2"},"last":{"price":"101.25"}}""", "101.25")]
    [InlineData("""{"last":{"price":1.10}}""", "1.10")]
    [InlineData("""{"last":{"price":1234567890.123456789012345}}""", "1234567890.123456789012345")]
    [InlineData("""{"last":{"price":2.5e1}}""", "25")]
    [InlineData("""{"last":{"price":" 101.20 "}}""", "101.20")]
    public void Price_is_the_last_trades_with_its_digits_as_a_plain_decimal(string payload, string price)
    {
        Assert.Equal(price, PortfolioPayload.Price(payload));
    }

    [Theory]
    [InlineData("""{"bid":{"price":"101.2"},"ask":{"price":"101.3"}}""")]
    [InlineData("""{"bid":{"price":101.2},"last":null}""")]
    [InlineData("""{"bid":{"price":101.2},"last":{"price":null}}""")]
    [InlineData("""{"bid":{"price":101.2},"last":{"price":"n/a"}}""")]
    [InlineData("""{"bid":{"price":101.2},"last":{"time":1767261590000}}""")]
    public void Without_a_last_trade_price_the_bid_is_the_price(string payload)
    {
        Assert.Equal("101.2", PortfolioPayload.Price(payload));
    }

    [Theory]
    [InlineData("""{"ask":{"price":101.3},"qualityId":"realtime"}""")]
    [InlineData("""{"bid":{"price":""},"last":{"price":true}}""")]
    [InlineData("""{"bid":"101.2"}""")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Without_a_last_or_bid_price_there_is_none(string payload)
    {
        Assert.Null(PortfolioPayload.Price(payload));
    }

    [Fact]
    public void A_ticker_payload_that_is_not_json_is_a_json_error()
    {
        Assert.ThrowsAny<JsonException>(() => PortfolioPayload.Price("{\"last\":"));
    }

    [Theory]
    [InlineData("12.5", "80.12", "1001.50")]
    [InlineData("3", "187.45", "562.35")]
    [InlineData("10", "45", "450.00")]
    [InlineData("0.123456", "98.76", "12.19251456")]
    [InlineData("1.123000", "1", "1.123")]
    [InlineData("0", "101.25", "0.00")]
    [InlineData("-2", "1.5", "-3.00")]
    [InlineData("1.5E+3", "2", "3000.00")]
    [InlineData("2.5e1", "4", "100.00")]
    public void Value_is_quantity_times_price_with_at_least_two_decimals_and_no_trailing_zeros_beyond(string quantity, string price, string value)
    {
        Assert.Equal(value, PositionValue.Of(quantity, price));
    }

    [Theory]
    [InlineData("0.000000000001", "0.000000000001", "0.000000000000000000000001")]
    [InlineData("0.123456789012345678", "1000000", "123456.789012345678")]
    [InlineData("1.234567890123456789012345678", "1.1", "1.3580246791358024679135802458")]
    public void Many_decimals_are_kept_exactly_and_never_as_an_exponent(string quantity, string price, string value)
    {
        Assert.Equal(value, PositionValue.Of(quantity, price));
    }

    [Theory]
    [InlineData("1000000000000", "99999.9999", "99999999900000000.00")]
    [InlineData("123456789012345678", "123.45", "15240740603574073949.10")]
    [InlineData("79228162514264337593543950335", "1", "79228162514264337593543950335.00")]
    public void Large_quantities_are_exact(string quantity, string price, string value)
    {
        Assert.Equal(value, PositionValue.Of(quantity, price));
    }

    [Fact]
    public void Beyond_decimals_precision_the_last_digits_are_rounded_not_failed()
    {
        Assert.Equal("0.1111111111111111111111111111", PositionValue.Of("0.3333333333333333333333333333", "0.3333333333333333333333333333"));
    }

    [Theory]
    [InlineData("79228162514264337593543950335", "2")]
    [InlineData("1e30", "1")]
    [InlineData("n/a", "1")]
    [InlineData("1", "")]
    [InlineData("1,5", "2")]
    public void No_value_when_either_is_not_a_decimal_or_the_product_is_out_of_range(string quantity, string price)
    {
        Assert.Null(PositionValue.Of(quantity, price));
    }

    [Theory]
    [InlineData("1000", "98.45", "984.50")]
    [InlineData("500", "99.875", "499.375")]
    [InlineData("0.01", "101.5", "0.01015")]
    public void A_bonds_value_is_its_nominal_times_its_price_in_percent(string nominal, string price, string value)
    {
        Assert.Equal(value, PositionValue.Of(nominal, price, inPercent: true));
    }

    [Fact]
    public void Topics_are_written_as_json()
    {
        Assert.Equal("""{"type":"instrument","id":"IE00B4L5Y983"}""", SubscriptionTopic.Instrument("IE00B4L5Y983"));
        Assert.Equal("""{"type":"ticker","id":"IE00B4L5Y983.TDG"}""", SubscriptionTopic.Ticker("IE00B4L5Y983", "TDG"));
        Assert.Equal("""{"type":"compactPortfolioByTypeV2","secAccNo":"0987654321"}""", SubscriptionTopic.Portfolio("compactPortfolioByTypeV2", "0987654321"));
        Assert.Equal("""{"type":"instrument","id":"A\u0022B"}""", SubscriptionTopic.Instrument("A\"B"));
        Assert.Equal("""{"type":"cash"}""", SubscriptionTopic.Cash());
    }
}
