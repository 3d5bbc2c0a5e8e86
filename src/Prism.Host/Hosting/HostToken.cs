using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Prism.Host.Hosting;

/// <summary>
/// The per-launch API token: the launcher's <c>PRISM_HOST_TOKEN</c> (at least 32 of the characters of base64url —
/// letters, digits, '-' and '_'), or 256 fresh random bits. A launcher's token that is too short to resist guessing, or
/// that a web view cannot carry unchanged in an <c>Authorization</c> header and a URL fragment (non-ASCII text fails
/// in Kestrel and in <c>fetch</c>), stops the host instead of being used.
/// </summary>
internal static partial class HostToken
{
    public const string Variable = "PRISM_HOST_TOKEN";

    public const int MinimumLength = 32;

    /// <summary>The token to require, or (token null) why the launcher's cannot be used. An empty variable counts as unset.</summary>
    public static (string? Token, string? Problem) FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
            ? ProblemWith(given) is { } problem ? (null, problem) : (given, null)
            : (Generate(), null);

    /// <summary>Null when <paramref name="token"/> may be used; otherwise what is wrong and how to fix it (never the token itself).</summary>
    public static string? ProblemWith(string token)
    {
        var fix = $"Set {Variable} to at least {MinimumLength} characters of letters, digits, '-' and '_' (e.g. 32 random bytes in base64url), or leave it unset and prism makes one.";
        if (token.Length < MinimumLength)
        {
            return $"{Variable} is {token.Length} characters long, too short to resist guessing. {fix}";
        }

        return TokenCharacters().IsMatch(token)
            ? null
            : $"{Variable} contains characters other than letters, digits, '-' and '_', which do not all survive an Authorization header and a URL fragment. {fix}";
    }

    /// <summary>32 random bytes, base64url without padding: safe in a header and in a URL fragment.</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>ASCII only: <c>\z</c>, not <c>$</c>, so a trailing newline is refused too.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex TokenCharacters();
}
