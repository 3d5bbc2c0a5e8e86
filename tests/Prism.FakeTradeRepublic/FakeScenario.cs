namespace Prism.FakeTradeRepublic;

/// <summary>Which second factor the fake asks for after phone and PIN.</summary>
public enum FakeSecondFactor
{
    /// <summary><c>requiredAction: AUTHENTICATOR_VERIFICATION</c>: the client posts <see cref="FakeAccount.AuthenticatorCode"/>.</summary>
    AuthenticatorCode,

    /// <summary>Approval in the phone app: the client polls the process until its status changes.</summary>
    AppApproval,
}

/// <summary>What the user does with an app-approval request.</summary>
public enum FakeApproval
{
    /// <summary>The process is <c>PENDING</c> for the first <see cref="FakeScenario.PendingPolls"/> reads, then <c>CONFIRMED</c>.</summary>
    Approves,

    /// <summary>The process turns <c>REJECTED</c> after the first read.</summary>
    Rejects,

    /// <summary>The process stays <c>PENDING</c> and its <c>expiresAt</c> is a few seconds away.</summary>
    LetsItExpire,

    /// <summary>The process stays <c>PENDING</c> with an <c>expiresAt</c> ten minutes away (for cancellation).</summary>
    NeverAnswers,
}

/// <summary>
/// Switches for the fake's behaviour; change them at any time, the next request sees the new value.
/// The defaults are a healthy account with an authenticator app.
/// </summary>
public sealed class FakeScenario
{
    public FakeSecondFactor SecondFactor { get; set; } = FakeSecondFactor.AuthenticatorCode;

    public FakeApproval Approval { get; set; } = FakeApproval.Approves;

    /// <summary>How many process reads answer <c>PENDING</c> before an approval (the login's own read counts, or the first read after the code).</summary>
    public int PendingPolls { get; set; } = 2;

    /// <summary>
    /// The status a confirmed login's process reads: <c>CONFIRMED</c> or <c>COMPLETED</c> as pytr knows them, or
    /// <c>APPROVED</c>, as one client reported it.
    /// </summary>
    public string ConfirmedStatus { get; set; } = "CONFIRMED";

    /// <summary>
    /// After the right authenticator code the process stays <c>PENDING</c> until the user also approves in the app
    /// (as <see cref="Approval"/> says), and only that approval sets the session cookies (pytr#393).
    /// </summary>
    public bool ApprovalAfterCode { get; set; }

    /// <summary>
    /// A confirmed login sets only <c>tr_refresh</c>: the account and the websocket answer 401 until the client has
    /// exchanged it for a <c>tr_session</c> at <c>/api/v1/auth/web/session</c>, as pytr always does first.
    /// </summary>
    public bool SessionOnlyAfterExchange { get; set; }

    /// <summary>
    /// Each refresh at <c>/api/v1/auth/web/session</c> replaces both cookies and ends the old ones, so only the
    /// latest cookies are a session.
    /// </summary>
    public bool RotatesCookiesOnRefresh { get; set; }

    /// <summary>Every login answers 429 <c>TOO_MANY_REQUESTS</c> and nothing more: no <c>meta</c>, no <c>Retry-After</c> header (the reference mentions none).</summary>
    public bool RateLimited { get; set; }

    /// <summary>
    /// Every login answers 429 <c>TOO_MANY_REQUESTS</c> whose error says when to try again in
    /// <c>meta.nextAttemptInSeconds</c>, with no <c>Retry-After</c> header; null: off.
    /// </summary>
    public int? NextAttemptInSeconds { get; set; }

    /// <summary>
    /// The v2 login calls sent with this <c>X-TR-App-Version</c> answer 422 <c>MOBILE_APP_VERSION_NOT_SUPPORTED</c>
    /// (as pytr's default <see cref="FakeAccount.PytrAppVersion"/> was answered in September 2026); null: off.
    /// </summary>
    public string? UnsupportedAppVersion { get; set; }

    /// <summary>Logins get no answer at all (the connection stays open until the client gives up).</summary>
    public bool Unresponsive { get; set; }

    /// <summary>Every v2 login answers 426 <c>CLIENT_VERSION_OUTDATED</c>.</summary>
    public bool ClientOutdated { get; set; }

    /// <summary>The authenticator verification answers 410 <c>PROCESS_GONE</c> (the login expired).</summary>
    public bool ProcessGone { get; set; }

    /// <summary>The v1 login is blocked by the load balancer (405, <c>server: awselb</c>, empty body), as in 2026.</summary>
    public bool V1Blocked { get; set; } = true;

    /// <summary>How long the portfolio subscription takes to answer (frames after it wait too: the fake answers in order).</summary>
    public TimeSpan PortfolioDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The portfolio subscription answers an <c>E</c> frame with <see cref="FakeAccount.PortfolioErrorCode"/>.</summary>
    public bool PortfolioError { get; set; }

    /// <summary>
    /// The session ended on Trade Republic's side while the websocket stays up: every subscription answers an
    /// <c>E</c> frame with <see cref="SessionEndCode"/>, and the session's cookies no longer work anywhere.
    /// </summary>
    public bool SessionEndsOnSocket { get; set; }

    /// <summary>
    /// The error code of those <c>E</c> frames: <c>AUTHENTICATION_ERROR</c> (pytr), or <c>UNAUTHORIZED</c>, which other
    /// open clients report seeing instead (reference, "Reported by other open clients since").
    /// </summary>
    public string SessionEndCode { get; set; } = "AUTHENTICATION_ERROR";

    /// <summary>
    /// The first position's security is also held through a savings plan, listed in a category of its own
    /// (<see cref="FakeAccount.WithSavingsPlan"/>), as the reference reports for <c>compactPortfolioByType</c>.
    /// </summary>
    public bool HeldInTwoCategories { get; set; }

    /// <summary>
    /// Strings that are no Unicode text (unpaired surrogate escapes) in Trade Republic's answers, each in one place
    /// (<see cref="FakeAccount.WithUnreadableText"/>): a position's name and a member name of another, an instrument's
    /// short name, a ticker's prices, a ticker refusal's error code, and the error code of a refused PIN.
    /// </summary>
    public bool UnreadableText { get; set; }

    /// <summary>The raw JSON of every login process's <c>expiresAt</c> (e.g. an epoch beyond the year 9999); null: the real expiry.</summary>
    public string? ProcessExpiresAtJson { get; set; }

    /// <summary>The account answer is padded past 1 MiB (<see cref="FakeAccount.OversizedPaddingBytes"/>), as no Trade Republic answer is.</summary>
    public bool OversizedAccountAnswer { get; set; }

    /// <summary>The portfolio's <c>A</c> frame is padded past 4 MiB (<see cref="FakeAccount.OversizedFrameBytes"/>).</summary>
    public bool OversizedPortfolioFrame { get; set; }

    /// <summary>
    /// The portfolio subscription is answered with a message that never ends: a fragment of 1 KiB every 20 ms (so 4 MiB
    /// would take minutes), until the client goes.
    /// </summary>
    public bool EndlessPortfolioMessage { get; set; }

    /// <summary>Ticker subscriptions get no frame at all (as from an exchange feed that hangs); the portfolio and cash still answer.</summary>
    public bool TickersSilent { get; set; }

    /// <summary>
    /// How long each <c>instrument</c> subscription takes to answer. The fake answers them independently of each other and
    /// of the rest (as a server looking them up in parallel), so a client that asks all at once waits this long once.
    /// </summary>
    public TimeSpan InstrumentDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The web app has moved on, as reported in 2026: <c>compactPortfolioByType</c> is refused with
    /// <c>BAD_SUBSCRIPTION_TYPE</c>, and the portfolio comes as <see cref="FakeAccount.NewerPortfolioTopic"/> on
    /// connections opened with <c>connect</c> <see cref="FakeAccount.NewerProtocolVersion"/> (or newer) only.
    /// </summary>
    public bool NewerWebApp { get; set; }

    /// <summary>The portfolio holds two more positions in forms no report describes (<see cref="FakeAccount.WithUnusualPositions"/>).</summary>
    public bool UnusualPositions { get; set; }
}
