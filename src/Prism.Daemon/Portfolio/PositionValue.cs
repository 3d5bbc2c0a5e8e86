using System.Globalization;

namespace Prism.Daemon.Portfolio;

/// <summary>A position's value, quantity × price, computed in <see cref="decimal"/> (never through a binary float) and written as contract text.</summary>
internal static class PositionValue
{
    /// <summary>Reads a decimal as Trade Republic writes it: invariant, and with an exponent when a JSON number has one.</summary>
    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// <paramref name="quantity"/> × <paramref name="price"/>, exact while the product fits decimal's 28-29 significant
    /// digits (beyond that decimal rounds the last ones); null when either is not a decimal or the product exceeds
    /// decimal's range (about 7.9e28).
    /// </summary>
    public static string? Of(string quantity, string price)
    {
        if (!TryParse(quantity, out var shares) || !TryParse(price, out var each))
        {
            return null;
        }

        try
        {
            return Format(shares * each);
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
