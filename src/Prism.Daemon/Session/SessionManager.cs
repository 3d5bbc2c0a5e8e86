using Prism.Daemon.Storage;
using Prism.Daemon.Portfolio;
using Prism.Daemon.Upstream;
using Prism.Protocol;
using Serilog;

namespace Prism.Daemon.Session;

/// <summary>
/// The daemon's one Trade Republic session and its states: idle, a login waiting for its second factor, or
/// authenticated. Session methods run one at a time (a second call waits for the first), except that a logout
/// first cancels every call begun before it — an approval wait takes minutes, and whoever asked to be signed out
/// must not wait for it, nor be signed in by it afterwards. <see cref="Status"/> reads a snapshot and never waits
/// or touches the network.
/// </summary>
internal sealed class SessionManager(
    ILoginFlow login,
    SessionEndpoints endpoints,
    SessionStore store,
    PortfolioReader portfolio,
    Uri apiUrl,
    TimeProvider clock,
    ILogger log) : IDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private volatile object? state;

    /// <summary>
    /// Cancelled (and replaced) by each logout: the calls begun before it stop. A replaced source is left to the
    /// collector, not disposed: it has no timer, and a call may still be linking its token.
    /// </summary>
    private CancellationTokenSource loggingOut = new();

    /// <summary>An authenticated session: whose, its cookies, its securities account, and when it was last used.</summary>
    private sealed record ActiveSession(string Phone, SessionCookies Cookies, string SecuritiesAccountNumber)
    {
        public DateTimeOffset LastUsed { get; set; }

        public override string ToString() => $"ActiveSession {{ Phone = {PhoneMask.Mask(Phone)} }}";
    }

    public GetStatusResult Status(string version) => state switch
    {
        PendingLogin pending => new(SessionStatus.WaitingForSecondFactor, store.HasAny(), version, pending.SecondFactor, pending.ExpiresAt),
        ActiveSession => new(SessionStatus.Authenticated, store.HasAny(), version),
        _ => new(SessionStatus.Idle, store.HasAny(), version),
    };

    /// <summary>Restores the saved session of the phone when it is still valid; otherwise (unless only a restore is wanted) starts a login.</summary>
    public Task<LoginResult> LoginAsync(LoginParams request, CancellationToken cancellation) => OneAtATimeAsync(async cancellation =>
    {
        if (await TryRestoreAsync(request.Phone, cancellation))
        {
            return new LoginResult(SessionStatus.Authenticated, Restored: true);
        }

        if (request.RestoreOnly == true)
        {
            throw SessionFailure.RestoreFailed();
        }

        state = null;
        // The transport's screen lets a login without pin through only with restore_only true, which ended above.
        var pending = await login.StartAsync(request.Phone, request.Pin!, cancellation);
        state = pending;
        log.Information("Login of {Phone} waits for the second factor ({SecondFactor})", PhoneMask.Mask(request.Phone), pending.SecondFactor);
        return new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: pending.SecondFactor, Countdown: pending.CountdownSeconds);
    }, cancellation);

    /// <summary>
    /// Completes the waiting login with the code, or waits for the app approval (also one Trade Republic asks for after
    /// an accepted code: <see cref="Status"/> then says so); any failure or cancellation leaves the daemon idle.
    /// </summary>
    public Task<ConfirmTwoFactorResult> ConfirmAsync(string? code, CancellationToken cancellation) => OneAtATimeAsync(async cancellation =>
    {
        if (state is not PendingLogin pending)
        {
            throw SessionFailure.NoPendingLogin();
        }

        try
        {
            await login.CompleteAsync(pending, code, approval => state = approval, cancellation);
            // The confirmation may have set only tr_refresh: the session exchange turns it into a session (pytr's first call too).
            await endpoints.RefreshAsync(pending.Cookies, cancellation);
            var account = await endpoints.SecuritiesAccountNumberAsync(pending.Cookies, cancellation);
            store.Save(pending.Phone, pending.Cookies.ToSaved());
            state = new ActiveSession(pending.Phone, pending.Cookies, account) { LastUsed = clock.GetUtcNow() };
            log.Information("Login of {Phone} confirmed", PhoneMask.Mask(pending.Phone));
            return new ConfirmTwoFactorResult(SessionStatus.Authenticated);
        }
        catch (SessionFailure failure) when (failure.Code == ApplicationErrorCode.CodeInvalid)
        {
            // A mistyped code can be typed again within the same login.
            throw;
        }
        catch
        {
            state = null;
            throw;
        }
    }, cancellation);

    /// <summary>
    /// Cancels the calls still running, then forgets the session and deletes its saved file; a login still waiting is
    /// abandoned. The daemon is signed out whatever happens to the file: a saved session that cannot be deleted is
    /// reported (<see cref="DataDirectoryUnusable"/>) after the session in memory has ended.
    /// </summary>
    public Task<LogoutResult> LogoutAsync(CancellationToken cancellation)
    {
        Interlocked.Exchange(ref loggingOut, new CancellationTokenSource()).Cancel();
        return OneAtATimeAsync(_ => SignOut(), cancellation, cancelledByLogout: false);
    }

    private Task<LogoutResult> SignOut()
    {
        var phone = state switch
        {
            ActiveSession active => active.Phone,
            PendingLogin pending => pending.Phone,
            _ => null,
        };
        state = null;
        if (phone is not null)
        {
            log.Information("Signed out {Phone}", PhoneMask.Mask(phone));
            try
            {
                store.Delete(phone);
            }
            catch (DataDirectoryUnusable unusable)
            {
                throw new DataDirectoryUnusable($"You are signed out, but the saved session stays on disk. {unusable.Message}");
            }
        }

        return Task.FromResult(LogoutResult.LoggedOut);
    }

    /// <summary>The portfolio of the authenticated session, refreshing the session first when it has been idle.</summary>
    public Task<FetchPortfolioResult> FetchPortfolioAsync(CancellationToken cancellation) => OneAtATimeAsync(async cancellation =>
    {
        if (state is not ActiveSession active)
        {
            throw SessionFailure.NotAuthenticated();
        }

        try
        {
            if (clock.GetUtcNow() - active.LastUsed > endpoints.RefreshAfter)
            {
                await endpoints.RefreshAsync(active.Cookies, cancellation);
                // The refresh may have replaced the cookies: a restart must find the current ones, not the dead.
                store.Save(active.Phone, active.Cookies.ToSaved());
            }

            var result = await portfolio.ReadAsync(active.Cookies, active.SecuritiesAccountNumber, cancellation);
            active.LastUsed = clock.GetUtcNow();
            return result;
        }
        catch (SessionFailure failure) when (failure.Code == ApplicationErrorCode.NotAuthenticated)
        {
            Forget(active.Phone, "Trade Republic no longer accepts the session");
            throw SessionFailure.SessionExpired(failure.Reason);
        }
    }, cancellation);

    /// <summary>
    /// Tries the saved session of <paramref name="phone"/> (refresh, then account). A refusal means the session is
    /// gone: its file is deleted. Rate limits, blocks and timeouts say nothing about the session and are reported.
    /// </summary>
    private async Task<bool> TryRestoreAsync(string phone, CancellationToken cancellation)
    {
        if (store.Load(phone) is not { } saved)
        {
            return false;
        }

        var cookies = SessionCookies.FromSaved(apiUrl, saved.Cookies);
        try
        {
            await endpoints.RefreshAsync(cookies, cancellation);
            var account = await endpoints.SecuritiesAccountNumberAsync(cookies, cancellation);
            store.Save(phone, cookies.ToSaved());
            state = new ActiveSession(phone, cookies, account) { LastUsed = clock.GetUtcNow() };
            log.Information("Restored the saved session of {Phone}", PhoneMask.Mask(phone));
            return true;
        }
        catch (SessionFailure failure) when (failure.HttpStatus is >= 400 and < 500 && failure.Code is not (ApplicationErrorCode.RateLimited or ApplicationErrorCode.ClientOutdated or ApplicationErrorCode.UpstreamBlocked))
        {
            Forget(phone, $"the saved session was refused ({failure.Reason ?? failure.Code.ToString()})");
            return false;
        }
    }

    /// <summary>
    /// Ends a session Trade Republic refused and deletes its saved file. That file cannot be used again anyway, so a
    /// failure to delete it is logged, not thrown: the caller's answer (session ended, or a fresh login) stands.
    /// </summary>
    private void Forget(string phone, string why)
    {
        log.Information("Forgetting the session of {Phone}: {Why}", PhoneMask.Mask(phone), why);
        state = null;
        try
        {
            store.Delete(phone);
        }
        catch (DataDirectoryUnusable unusable)
        {
            log.Warning("{Problem}", unusable.Message);
        }
    }

    public void Dispose()
    {
        oneAtATime.Dispose();
        loggingOut.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="operation"/> once the calls before it are done, on a token that the caller's cancellation
    /// and (unless <paramref name="cancelledByLogout"/> is false) a logout begun meanwhile both cancel.
    /// </summary>
    private async Task<T> OneAtATimeAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellation, bool cancelledByLogout = true)
    {
        var logout = cancelledByLogout ? Volatile.Read(ref loggingOut).Token : CancellationToken.None;
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellation, logout);
        try
        {
            await oneAtATime.WaitAsync(cancelled.Token);
            try
            {
                return await operation(cancelled.Token);
            }
            finally
            {
                oneAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (logout.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            throw SessionFailure.LoggedOutMeanwhile();
        }
    }
}
