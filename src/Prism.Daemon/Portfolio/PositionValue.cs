using System.Globalization;

namespace Prism.Daemon.Portfolio;

/// <summary>A position's value, quantity × price (÷ 100 for a bond), computed in <see cref="decimal"/> (never through a binary float) and written as contract text.</summary>
internal static class PositionValue
{
    /// <summary>Reads a decimal as Trade Republic writes it: invariant, and with an exponent when a JSON number has one.</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// <paramref name="text"/> as a plain invariant decimal with the digits it has (trailing zeros kept: 1.10 stays
    /// 1.10); an exponent or surrounding spaces are normalised away (2.5e1 → 25), since clients of the contract parse
    /// plain decimals. Null when it is not a decimal within range.
    /// </summary>
    public static string? Normalise(string text) =>
        TryParse(text, out var value) ? value.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// <paramref name="quantity"/> × <paramref name="price"/>, divided by 100 when the price is
    /// <paramref name="inPercent"/> (a bond's, quoted as a percentage of its nominal amount, which is its quantity);
    /// exact while the result fits decimal's 28-29 significant digits (beyond that decimal rounds the last ones); null
    /// when either is not a decimal or the product exceeds decimal's range (about 7.9e28).
    /// </summary>
    public static string? Of(string quantity, string price, bool inPercent = false)
    {
        if (!TryParse(quantity, out var shares) || !TryParse(price, out var each))
        {
            return null;
        }

        try
        {
            var value = shares * each;
            return Format(inPercent ? value / 100m : value);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Invariant, never an exponent, and at least two decimals since it is an amount of money; every further digit is
    /// kept (rounding each position to cents would skew the total) but trailing zeros go: 1001.500 → 1001.50, 450 → 450.00.
    /// </summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point < 0)
        {
            return text + ".00";
        }

        var end = text.Length;
        while (end > point + 3 && text[end - 1] == '0')
        {
            end--;
        }

        return text[..end].PadRight(point + 3, '0');
    }
}
