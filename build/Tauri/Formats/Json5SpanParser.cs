using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Prism.Pipeline.Tauri.Formats;

/// <summary>
/// Parses JSON5 (json5.org, what Tauri's <c>config-json5</c> feature reads: comments, trailing commas, unquoted
/// identifier keys, single-quoted and line-continued strings, hex numbers, a leading or trailing decimal point, an
/// explicit +, Infinity and NaN) into <see cref="JsonSpan"/>s with byte offsets, so a change is spliced into the
/// original bytes as in a .json config. Hand-written because no JSON5 library is served here and the BCL's
/// <see cref="Utf8JsonReader"/> stops at comments and trailing commas; the grammar is small and fixed.
/// </summary>
internal sealed class Json5SpanParser
{
    /// <summary>Nesting deeper than this is refused rather than risking the stack (Tauri's configs nest a few levels).</summary>
    private const int MaxDepth = 256;

    private readonly string path;
    private readonly byte[] utf8;
    private readonly Utf8Offsets offsets;
    private readonly string text;
    private int position;

    private Json5SpanParser(string path, byte[] utf8)
    {
        this.path = path;
        this.utf8 = utf8;
        offsets = new Utf8Offsets(utf8);
        text = offsets.Text;
    }

    /// <summary>Parses the whole file; a syntax error becomes a <see cref="TauriConfigException"/> at <c>path:line:column</c>.</summary>
    public static JsonSpan Parse(string path, byte[] utf8)
    {
        var parser = new Json5SpanParser(path, utf8);
        parser.SkipTrivia();
        var root = parser.ReadValue(0);
        parser.SkipTrivia();
        return parser.position < parser.text.Length ? throw parser.Error(parser.position, "text after the end of the config's value") : root;
    }

    private JsonSpan ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(position, $"values nested deeper than {MaxDepth} levels");
        }

        var start = position;
        return Peek() switch
        {
            '{' => ReadObject(depth),
            '[' => ReadArray(depth),
            '"' or '\'' => Scalar(JsonTokenType.String, start, ReadString()),
            var next when next is '+' or '-' or '.' or (>= '0' and <= '9') || StartsWithWord("Infinity") || StartsWithWord("NaN") => ReadNumber(),
            _ when StartsWithWord("true") => Literal(JsonTokenType.True, "true"),
            _ when StartsWithWord("false") => Literal(JsonTokenType.False, "false"),
            _ when StartsWithWord("null") => Literal(JsonTokenType.Null, "null"),
            _ => throw Error(position, position < text.Length ? $"'{text[position]}' cannot start a value (expected an object, array, string, number, true, false or null)" : "the text ends where a value was expected"),
        };
    }

    private JsonSpan ReadObject(int depth)
    {
        var start = position++;
        var members = new List<JsonSpanMember>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == '}')
            {
                break;
            }

            var nameStart = position;
            var name = Peek() is '"' or '\'' ? ReadString() : ReadIdentifier();
            var nameEnd = position;
            SkipTrivia();
            Expect(':', "':' after the member name");
            SkipTrivia();
            members.Add(new JsonSpanMember(name, Byte(nameStart), Byte(nameEnd), ReadValue(depth + 1)));
            SkipTrivia();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            if (Peek() != '}')
            {
                throw Error(position, Peek() is null ? "the text ends inside an object (expected ',' or '}')" : $"'{text[position]}' after a member (expected ',' or '}}')");
            }
        }

        position++;
        return new JsonSpan(JsonTokenType.StartObject, Byte(start), Byte(position), members, [], null);
    }

    private JsonSpan ReadArray(int depth)
    {
        var start = position++;
        var items = new List<JsonSpan>();
        while (true)
        {
            SkipTrivia();
            if (Peek() == ']')
            {
                break;
            }

            items.Add(ReadValue(depth + 1));
            SkipTrivia();
            if (Peek() == ',')
            {
                position++;
                continue;
            }

            if (Peek() != ']')
            {
                throw Error(position, Peek() is null ? "the text ends inside an array (expected ',' or ']')" : $"'{text[position]}' after an item (expected ',' or ']')");
            }
        }

        position++;
        return new JsonSpan(JsonTokenType.StartArray, Byte(start), Byte(position), [], items, null);
    }

    /// <summary>A single- or double-quoted string with JSON5's escapes; returns its value.</summary>
    private string ReadString()
    {
        var start = position;
        var quote = text[position++];
        var value = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw Error(start, "a string that is never closed");
            }

            var character = text[position++];
            if (character == quote)
            {
                return value.ToString();
            }

            if (character is '\n' or '\r')
            {
                throw Error(position - 1, "a line break inside a string (end the line with a backslash to continue the string, or write \\n)");
            }

            if (character == '\\')
            {
                ReadEscape(value);
            }
            else
            {
                value.Append(character);
            }
        }
    }

    private void ReadEscape(StringBuilder value)
    {
        var escapeStart = position - 1;
        if (position >= text.Length)
        {
            throw Error(escapeStart, "a string that is never closed");
        }

        var character = text[position++];
        switch (character)
        {
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'n': value.Append('\n'); break;
            case 'r': value.Append('\r'); break;
            case 't': value.Append('\t'); break;
            case 'v': value.Append('\v'); break;
            case '0' when Peek() is not (>= '0' and <= '9'): value.Append('\0'); break;
            case 'x': value.Append((char)ReadHex(2, escapeStart)); break;
            case 'u': value.Append((char)ReadHex(4, escapeStart)); break;
            case '\r':
                // A backslash before a line break continues the string on the next line (CRLF counts as one break).
                if (Peek() == '\n')
                {
                    position++;
                }

                break;
            case '\n' or '\u2028' or '\u2029': break;
            case >= '0' and <= '9': throw Error(escapeStart, $"the escape \\{character} (JSON5 allows no octal escapes; write \\u00XX)");
            default: value.Append(character); break;
        }
    }

    private int ReadHex(int digits, int escapeStart)
    {
        if (position + digits > text.Length || !int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            throw Error(escapeStart, $"an escape that needs {digits} hexadecimal digits");
        }

        position += digits;
        return code;
    }

    /// <summary>An unquoted member name: an ECMAScript IdentifierName (letters, $, _, digits after the first, \u escapes).</summary>
    private string ReadIdentifier()
    {
        var start = position;
        var name = new StringBuilder();
        while (position < text.Length)
        {
            var character = text[position];
            if (character == '\\' && position + 1 < text.Length && text[position + 1] == 'u')
            {
                position += 2;
                name.Append((char)ReadHex(4, position - 2));
                continue;
            }

            if (!(IsIdentifierStart(character) || name.Length > 0 && IsIdentifierPart(character)))
            {
                break;
            }

            name.Append(character);
            position++;
        }

        return name.Length > 0
            ? name.ToString()
            : throw Error(start, Peek() is null ? "the text ends inside an object (expected a member name or '}')" : $"'{text[start]}' where a member name was expected (a quoted string or an identifier)");
    }

    private JsonSpan ReadNumber()
    {
        var start = position;
        var negative = false;
        if (Peek() is '+' or '-')
        {
            negative = text[position++] == '-';
        }

        string? number;
        if (StartsWithWord("Infinity") || StartsWithWord("NaN"))
        {
            // serde_json holds neither: Tauri's json5 reader turns them into null, and so does the conversion here.
            position += text[position] == 'I' ? "Infinity".Length : "NaN".Length;
            number = null;
        }
        else if (Peek() == '0' && position + 1 < text.Length && text[position + 1] is 'x' or 'X')
        {
            position += 2;
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiHexDigit(text[position]))
            {
                position++;
            }

            if (position == digitsStart)
            {
                throw Error(start, "a hexadecimal number without digits");
            }

            number = (negative ? "-" : "") + BigInteger.Parse("0" + text[digitsStart..position], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else
        {
            number = ReadDecimal(start, negative);
        }

        if (Peek() is { } next && (IsIdentifierPart(next) || next == '.'))
        {
            throw Error(position, $"'{next}' inside a number");
        }

        return Scalar(JsonTokenType.Number, start, null) with { NumberText = number };
    }

    /// <summary>Digits, an optional fraction (either side of the point may be empty) and exponent, as strict JSON text.</summary>
    private string ReadDecimal(int start, bool negative)
    {
        var integer = Digits();
        if (integer.Length > 1 && integer[0] == '0')
        {
            throw Error(start, "a number with a leading zero (JSON5 reads no octal; drop the zero)");
        }

        var fraction = "";
        if (Peek() == '.')
        {
            position++;
            fraction = Digits();
        }

        if (integer.Length == 0 && fraction.Length == 0)
        {
            throw Error(start, "a number without digits");
        }

        var exponent = "";
        if (Peek() is 'e' or 'E')
        {
            var exponentStart = position++;
            var sign = Peek() is '+' or '-' ? text[position++].ToString() : "";
            var digits = Digits();
            exponent = digits.Length > 0 ? "e" + sign + digits : throw Error(exponentStart, "an exponent without digits");
        }

        return (negative ? "-" : "") + (integer.Length == 0 ? "0" : integer) + (fraction.Length == 0 ? "" : "." + fraction) + exponent;
    }

    private string Digits()
    {
        var start = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private JsonSpan Literal(JsonTokenType kind, string word)
    {
        var start = position;
        position += word.Length;
        return Scalar(kind, start, null);
    }

    private JsonSpan Scalar(JsonTokenType kind, int start, string? value) => new(kind, Byte(start), Byte(position), [], [], value);

    /// <summary>Skips whitespace (JSON5 takes every Unicode space separator) and comments.</summary>
    private void SkipTrivia()
    {
        while (position < text.Length)
        {
            var character = text[position];
            if (character is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u2028' or '\u2029' or '\uFEFF'
                || CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.SpaceSeparator)
            {
                position++;
            }
            else if (text.AsSpan(position).StartsWith("//"))
            {
                while (position < text.Length && text[position] is not ('\n' or '\r' or '\u2028' or '\u2029'))
                {
                    position++;
                }
            }
            else if (text.AsSpan(position).StartsWith("/*"))
            {
                var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                position = end >= 0 ? end + 2 : throw Error(position, "a /* comment that is never closed with */");
            }
            else
            {
                return;
            }
        }
    }

    private void Expect(char expected, string what)
    {
        if (Peek() != expected)
        {
            throw Error(position, Peek() is null ? $"the text ends where {what} was expected" : $"'{text[position]}' where {what} was expected");
        }

        position++;
    }

    private char? Peek() => position < text.Length ? text[position] : null;

    private bool StartsWithWord(string word) =>
        text.AsSpan(position).StartsWith(word, StringComparison.Ordinal)
        && (position + word.Length >= text.Length || !IsIdentifierPart(text[position + word.Length]));

    private static bool IsIdentifierStart(char character) =>
        character is '$' or '_' || char.IsLetter(character) || CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char character) =>
        IsIdentifierStart(character) || character is '\u200C' or '\u200D' || CharUnicodeInfo.GetUnicodeCategory(character) is
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    private int Byte(int charIndex) => offsets.ByteOffset(charIndex);

    private TauriConfigException Error(int charIndex, string problem) =>
        TauriConfigException.Malformed(TextPosition.Of(path, utf8, Byte(charIndex)), problem, "JSON5");
}
