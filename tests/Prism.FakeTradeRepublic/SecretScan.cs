using System.Text.RegularExpressions;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// Finds the fake account's secrets (PIN, authenticator and SMS codes, the phone number with and without its +) and
/// the ones the fake issued (process ids, cookie values) in what a client wrote: one check for the daemon's output and
/// the host's. A secret of digits only counts as a number of its own (no digit before or after it): a pid, port or
/// timestamp may hold the same digits (pid 14711 holds the PIN 4711).
/// </summary>
public static class SecretScan
{
    /// <summary>What the person gives for the fake's account.</summary>
    public static IReadOnlyList<string> AccountSecrets { get; } =
        [FakeAccount.Pin, FakeAccount.AuthenticatorCode, FakeAccount.SmsCode, FakeAccount.Phone, FakeAccount.Phone[1..]];

    /// <summary>
    /// Each secret of the account or of <paramref name="issued"/> that <paramref name="text"/> holds, described without
    /// showing it (its length and first two characters), for a failure message; empty when none.
    /// </summary>
    public static IReadOnlyList<string> Find(string text, IEnumerable<string> issued) =>
        [.. AccountSecrets.Concat(issued).Where(secret => Holds(text, secret)).Select(secret => $"a secret of {secret.Length} characters starting '{secret[..2]}'")];

    private static bool Holds(string text, string secret) =>
        secret.All(char.IsAsciiDigit)
            ? Regex.IsMatch(text, $@"(?<!\d){secret}(?!\d)")
            : text.Contains(secret, StringComparison.Ordinal);
}
