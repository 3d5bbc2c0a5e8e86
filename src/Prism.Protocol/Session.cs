namespace Prism.Protocol;

/// <summary>
/// The params of <c>login</c>; <see cref="Pin"/> may be left out with <see cref="RestoreOnly"/> true (a restore uses
/// the saved session only). <see cref="ToString"/> never shows the PIN or the phone number.
/// </summary>
public sealed record LoginParams(string Phone, string? Pin = null, bool? RestoreOnly = null)
{
    public override string ToString() => $"LoginParams {{ Phone = <redacted>, Pin = {(Pin is null ? "none" : "<redacted>")}, RestoreOnly = {RestoreOnly} }}";
}

/// <summary>
/// The result of <c>login</c>: <c>authenticated</c> with <see cref="Restored"/> when a saved session was still valid,
/// otherwise <c>waiting_2fa</c> with the second factor and its countdown in seconds.
/// </summary>
public sealed record LoginResult(SessionStatus Status, bool? Restored = null, SecondFactor? SecondFactor = null, int? Countdown = null);

/// <summary>The params of <c>confirm_2fa</c>; no token for app approval. <see cref="ToString"/> never shows the code.</summary>
public sealed record ConfirmTwoFactorParams(string? Token = null)
{
    public override string ToString() => $"ConfirmTwoFactorParams {{ Token = {(Token is null ? "none" : "<redacted>")} }}";
}

/// <summary>The result of <c>confirm_2fa</c>.</summary>
public sealed record ConfirmTwoFactorResult(SessionStatus Status);

/// <summary>The result of <c>logout</c>; the saved session has been deleted.</summary>
public sealed record LogoutResult(string Status)
{
    public static LogoutResult LoggedOut { get; } = new("logged_out");
}

/// <summary>The result of <c>fetch_portfolio</c>. Decimals travel as strings so that no client rounds them.</summary>
public sealed record FetchPortfolioResult(IReadOnlyList<PortfolioPosition> Positions, IReadOnlyList<CashBalance> Cash);

/// <summary>
/// One security in the portfolio, named by <see cref="Isin"/> or, when Trade Republic gives none, by
/// <see cref="InstrumentId"/> (never neither). <see cref="Exchange"/> is the venue <see cref="Price"/> is from; for a
/// bond the price is a percentage of the nominal <see cref="Quantity"/>, and <see cref="Value"/> accounts for it.
/// </summary>
public sealed record PortfolioPosition(
    string? Isin,
    string? InstrumentId,
    string? Name,
    string Quantity,
    string? AverageBuyIn,
    string? Price = null,
    string? Value = null,
    string? Exchange = null);

/// <summary>Cash held in one currency.</summary>
public sealed record CashBalance(string Currency, string Amount);

/// <summary>The params of a method that takes none (<c>get_status</c>, <c>logout</c>, <c>fetch_portfolio</c>, <c>shutdown</c>).</summary>
public sealed record EmptyParams;
