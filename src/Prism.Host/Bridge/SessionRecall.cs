using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// Remembers which login the daemon's session came from, so that a daemon started to replace a crashed one can
/// restore the saved session. The contract's only restore is <c>login</c> with <c>restore_only</c>, and it requires
/// the PIN, so the phone and PIN of the signed-in login are held here — in this process's memory only, never
/// logged or returned (<see cref="LoginParams.ToString"/> redacts them) — until logout, a failed second factor or a
/// failed restore.
/// </summary>
internal sealed class SessionRecall
{
    private readonly Lock gate = new();
    private LoginParams? awaitingSecondFactor;
    private LoginParams? signedIn;

    /// <summary>The <c>login</c> that restores the remembered session, or null when no session is remembered.</summary>
    public LoginParams? RestoreRequest
    {
        get
        {
            lock (gate)
            {
                return signedIn is { } login ? login with { RestoreOnly = true } : null;
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
    /// or its second factor (expired, refused, timed out, daemon gone) ends it, and its PIN is dropped.
    /// </summary>
    public void Failed(string method, Exception exception)
    {
        var stillWaiting = method == MethodNames.ConfirmTwoFactor
            && exception is RemoteInvocationException { ErrorCode: (int)ApplicationErrorCode.CodeInvalid };
        if (method is MethodNames.Login or MethodNames.ConfirmTwoFactor && !stillWaiting)
        {
            lock (gate)
            {
                awaitingSecondFactor = null;
            }
        }
    }

    /// <summary>Learns from a call the daemon answered successfully: a login or its second factor.</summary>
    public void Answered(object? parameters, object? result)
    {
        lock (gate)
        {
            switch (parameters, result)
            {
                case (LoginParams login, LoginResult { Status: SessionStatus.Authenticated }):
                    signedIn = login with { RestoreOnly = null };
                    awaitingSecondFactor = null;
                    break;
                case (LoginParams login, LoginResult):
                    // A new login replaces the daemon's session: until its second factor passes there is none to restore.
                    signedIn = null;
                    awaitingSecondFactor = login with { RestoreOnly = null };
                    break;
                case (ConfirmTwoFactorParams, ConfirmTwoFactorResult { Status: SessionStatus.Authenticated }):
                    signedIn = awaitingSecondFactor;
                    awaitingSecondFactor = null;
                    break;
            }
        }
    }

    /// <summary>Drops what is remembered: the saved session is gone, so the PIN is of no further use.</summary>
    public void Forget()
    {
        lock (gate)
        {
            signedIn = null;
            awaitingSecondFactor = null;
        }
    }
}
