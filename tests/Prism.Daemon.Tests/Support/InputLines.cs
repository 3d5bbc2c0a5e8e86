using System.Text;
using CsCheck;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// Generators of hostile input lines: random bytes, random JSON, mutated valid requests, and requests whose strings
/// hold surrogate escapes (text that is no Unicode: the class raw bytes never produce, since a JSON parser takes
/// <c>\ud800</c> as six valid ASCII bytes). None can become a valid <c>shutdown</c>: the daemon must still be there to
/// answer afterwards.
/// </summary>
internal static class InputLines
{
    private static readonly string[] ValidRequests =
    [
        """{"method":"get_status","params":{},"id":"get_status_1732540000000"}""",
        """{"jsonrpc":"2.0","method":"get_status","id":17}""",
        """{"jsonrpc":"2.0","method":"login","params":{"phone":"+491701234567","pin":"1234"},"id":2}""",
        """{"method":"confirm_2fa","params":{"token":"123456"},"id":"c"}""",
        """[{"method":"get_status","id":1},{"method":"get_status"}]""",
        """{"method":"$/cancelRequest","params":{"id":17}}""",
        """{"method":"get_status","params":[],"id":-9223372036854775808}""",
    ];

    private static readonly string[] JsonFragments = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\\", "id", "method", "\"id\":", "\\ud800", "\\udfff", "\\udbff\\udfff"];

    /// <summary>Requests with a slot (§) in each kind of string a request has: method, id, jsonrpc, member and parameter names, phone, PIN, code, a cancelled id.</summary>
    private static readonly string[] RequestsWithTextSlot =
    [
        """{"jsonrpc":"2.0","method":"§","id":1}""",
        """{"method":"get_status","params":{},"id":"§"}""",
        """{"jsonrpc":"§","method":"get_status","id":2}""",
        """{"method":"get_status","§":0,"id":3}""",
        """{"method":"login","params":{"§":"+491701234567","pin":"1234"},"id":4}""",
        """{"method":"login","params":{"phone":"+49170§1234567","pin":"1234"},"id":5}""",
        """{"method":"login","params":{"phone":"+491701234567","pin":"12§34"},"id":6}""",
        """{"method":"login","params":{"phone":"+491701234567","restore_only":true,"x":["§"]},"id":7}""",
        """{"method":"confirm_2fa","params":{"token":"§"},"id":"c"}""",
        """{"method":"$/cancelRequest","params":{"id":"§"}}""",
        """{"method":"get_status§"}""",
        """{"method":"shutdown","params":{"§":1}}""",
    ];

    /// <summary>Random bytes without LF (each generated line must stay one line), valid UTF-8 or not.</summary>
    public static readonly Gen<byte[]> RandomBytes =
        Gen.Byte.Where(b => b != (byte)'\n').Array[0, 200];

    /// <summary>A valid request with characters deleted, inserted or replaced at random positions.</summary>
    public static readonly Gen<byte[]> MutatedRequests =
        Gen.Select(Gen.Int[0, ValidRequests.Length - 1], Gen.Int[0, 1000].Array[1, 6], Gen.Int[0, JsonFragments.Length - 1].Array[6], (request, positions, fragments) =>
        {
            var text = new StringBuilder(ValidRequests[request]);
            for (var i = 0; i < positions.Length && text.Length > 0; i++)
            {
                var at = positions[i] % text.Length;
                if (i % 2 == 0)
                {
                    text.Remove(at, 1);
                }
                else
                {
                    text.Insert(at, JsonFragments[fragments[i]]);
                }
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        });

    /// <summary>Well-formed JSON built from fragments: objects, arrays, scalars, deep nesting.</summary>
    public static readonly Gen<byte[]> RandomJson =
        Gen.OneOf(
            Gen.Int[0, 300].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + "1" + new string(']', depth))),
            Gen.String.Select(s => Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(s, TestJsonContext.Default.String))),
            Gen.Int.Select(i => Encoding.UTF8.GetBytes($$"""{"method":{{i}},"id":"{{i}}"}""")));

    /// <summary>
    /// One to three escaped UTF-16 surrogates (\uD800-\uDFFF): mostly unpaired or in the wrong order, sometimes a
    /// valid pair, which is text and must be served like any other.
    /// </summary>
    public static readonly Gen<string> SurrogateEscapes =
        Gen.Int[0xD800, 0xDFFF].Array[1, 3].Select(units => string.Concat(units.Select(unit => $"\\u{unit:x4}")));

    /// <summary>A request with surrogate escapes in one of its strings, and perhaps text around them.</summary>
    public static readonly Gen<byte[]> RequestsWithSurrogates =
        Gen.Select(Gen.Int[0, RequestsWithTextSlot.Length - 1], SurrogateEscapes, Gen.String[Gen.Char.AlphaNumeric, 0, 3], (request, escapes, text) =>
            Encoding.UTF8.GetBytes(RequestsWithTextSlot[request].Replace("§", text + escapes, StringComparison.Ordinal)));

    /// <summary>Any of the above, mostly mutations and surrogates (they reach the deepest code).</summary>
    public static readonly Gen<byte[]> Hostile =
        Gen.Frequency((1, RandomBytes), (3, MutatedRequests), (1, RandomJson), (2, RequestsWithSurrogates));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
