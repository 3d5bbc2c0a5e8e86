using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// Remembers which phone the daemon's session belongs to, so that a daemon started to replace a crashed one can
/// restore the saved session with <c>login {phone, restore_only: true}</c>. The restore needs no PIN, so the PIN of
/// a login is never kept: it reaches the daemon once, in the login call itself. The phone is held in this process's
/// memory only, never logged, until logout, a failed second factor or a failed restore.
/// </summary>
internal sealed class SessionRecall
{
    private readonly Lock gate = new();
    private string? phoneAwaitingSecondFactor;
    private string? signedInPhone;

    /// <summary>The <c>login</c> that restores the remembered session (phone and restore_only, no PIN), or null when no session is remembered.</summary>
    public LoginParams? RestoreRequest
    {
        get
        {
            lock (gate)
            {
                return signedInPhone is { } phone ? new LoginParams(phone, Pin: null, RestoreOnly: true) : null;
            }
        }
    }

    /// <summary>Before a call: a logout forgets at once — the request is the person's intent, whatever becomes of it.</summary>
    public void Sending(string method)
    {
        if (method == MethodNames.Logout)
        {
            Forget();
        }
    }

    /// <summary>
    /// After a call that failed: a wrong code leaves the login waiting for another try; any other failure of a login
    /// or its second factor (expired, refused, timed out, daemon gone) ends it.
    /// </summary>
    public void Failed(string method, Exception exception)
    {
        var stillWaiting = method == MethodNames.ConfirmTwoFactor
            && exception is RemoteInvocationException { ErrorCode: (int)ApplicationErrorCode.CodeInvalid };
        if (method is MethodNames.Login or MethodNames.ConfirmTwoFactor && !stillWaiting)
        {
            lock (gate)
            {
                phoneAwaitingSecondFactor = null;
            }
        }
    }

    /// <summary>
    /// Learns from a login the daemon answered: signed in (a restored session) remembers its phone; waiting for a
    /// second factor replaces the daemon's session, so until that factor passes there is none to restore.
    /// </summary>
    public void LoginAnswered(LoginParams login, LoginResult result)
    {
        lock (gate)
        {
            var signedIn = result.Status == SessionStatus.Authenticated;
            signedInPhone = signedIn ? login.Phone : null;
            phoneAwaitingSecondFactor = signedIn ? null : login.Phone;
        }
    }

    /// <summary>Learns from a second factor the daemon answered: once it is signed in, the waiting login's phone is the session's.</summary>
    public void SecondFactorAnswered(ConfirmTwoFactorResult result)
    {
        if (result.Status != SessionStatus.Authenticated)
        {
            return;
        }

        lock (gate)
        {
            signedInPhone = phoneAwaitingSecondFactor;
            phoneAwaitingSecondFactor = null;
        }
    }

    /// <summary>Drops what is remembered: the saved session is gone, so there is nothing to restore.</summary>
    public void Forget()
    {
        lock (gate)
        {
            signedInPhone = null;
            phoneAwaitingSecondFactor = null;
        }
    }
}
