using Prism.Daemon.Upstream;
using Prism.Protocol;

namespace Prism.Daemon.Session;

/// <summary>
/// A login waiting for its second factor: the process Trade Republic opened, how it wants to be confirmed and
/// until when, and the cookies collected so far. <see cref="ToString"/> shows neither phone nor process id.
/// </summary>
internal sealed record PendingLogin(string Phone, string ProcessId, SecondFactor SecondFactor, DateTimeOffset ExpiresAt, int CountdownSeconds, SessionCookies Cookies)
{
    public override string ToString() => $"PendingLogin {{ Phone = {PhoneMask.Mask(Phone)}, SecondFactor = {SecondFactor}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>One of Trade Republic's web logins: start with phone and PIN, then complete with the second factor.</summary>
internal interface ILoginFlow
{
    /// <summary>Sends phone and PIN; Trade Republic answers with a process waiting for the second factor.</summary>
    Task<PendingLogin> StartAsync(string phone, string pin, CancellationToken cancellation);

    /// <summary>
    /// Completes <paramref name="pending"/> with <paramref name="code"/> (or, for app approval, waits for it); the
    /// login's cookies then sit in its jar. When Trade Republic asks for an app approval after an accepted code,
    /// <paramref name="awaitingApproval"/> is told the login's new state before the wait for it begins.
    /// </summary>
    Task CompleteAsync(PendingLogin pending, string? code, Action<PendingLogin> awaitingApproval, CancellationToken cancellation);
}
