using System.Globalization;
using System.Text;
using Prism.Daemon.Json;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Trade Republic's websocket delta (<c>D</c> frames): tab-separated operations over the previous payload's text —
/// <c>=n</c> copies n characters, <c>-n</c> skips n characters, <c>+text</c> inserts URL-encoded text (plus = space).
/// </summary>
internal static class DeltaDecoder
{
    /// <summary>
    /// The new payload; throws <see cref="FormatException"/> naming the bad operation when the delta does not fit
    /// <paramref name="previous"/>, and when its counts cut a character in two (the halves of a surrogate pair apart:
    /// no text, which no JSON reader takes).
    /// </summary>
    public static string Apply(string previous, string delta)
    {
        var result = new StringBuilder(previous.Length + delta.Length);
        var position = 0;
        foreach (var operation in delta.Split('\t'))
        {
            if (operation.Length == 0)
            {
                continue;
            }

            switch (operation[0])
            {
                case '+':
                    result.Append(Uri.UnescapeDataString(operation[1..].Replace('+', ' ')));
                    break;
                case '=':
                    var copied = Count(operation, previous.Length - position);
                    result.Append(previous, position, copied);
                    position += copied;
                    break;
                case '-':
                    position += Count(operation, previous.Length - position);
                    break;
                default:
                    throw new FormatException($"Delta operation {Describe(operation)} starts with neither '=', '-' nor '+'.");
            }
        }

        var payload = result.ToString();
        return JsonText.IsText(payload)
            ? payload
            : throw new FormatException("The delta's counts split a character (a surrogate pair) of the previous payload.");
    }

    private static int Count(string operation, int remaining) =>
        int.TryParse(operation.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= remaining
            ? count
            : throw new FormatException($"Delta operation {Describe(operation)} is not a count within the {remaining} characters left of the previous payload.");

    private static string Describe(string operation) => operation.Length <= 12 ? $"'{operation}'" : $"'{operation[..12]}...'";
}
