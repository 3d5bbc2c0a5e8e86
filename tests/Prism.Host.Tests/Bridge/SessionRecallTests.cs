using Prism.Host.Bridge;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Tests.Bridge;

/// <summary>Which login the bridge would replay (with restore_only) on a daemon that replaced a crashed one.</summary>
public sealed class SessionRecallTests
{
    private static readonly LoginParams Login = new("+491701234567", "1234");

    [Fact]
    public void Nothing_is_restored_before_any_login()
    {
        Assert.Null(new SessionRecall().RestoreRequest);
    }

    [Fact]
    public void A_login_counts_once_its_second_factor_passes()
    {
        var recall = new SessionRecall();

        recall.Answered(Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AuthenticatorCode, Countdown: 30));
        Assert.Null(recall.RestoreRequest);

        recall.Answered(new ConfirmTwoFactorParams("123456"), new ConfirmTwoFactorResult(SessionStatus.Authenticated));
        Assert.Equal(Login with { RestoreOnly = true }, recall.RestoreRequest);
    }

    [Fact]
    public void A_login_answered_from_the_saved_session_counts_at_once()
    {
        var recall = new SessionRecall();

        recall.Answered(Login with { RestoreOnly = true }, new LoginResult(SessionStatus.Authenticated, Restored: true));

        Assert.Equal(Login with { RestoreOnly = true }, recall.RestoreRequest);
    }

    [Fact]
    public void Logout_a_new_login_and_forget_each_drop_the_remembered_session()
    {
        var recall = SignedIn();
        recall.Sending(MethodNames.Logout);
        Assert.Null(recall.RestoreRequest);

        recall = SignedIn();
        recall.Answered(new LoginParams("+491709999999", "9876"), new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AppApproval, Countdown: 60));
        Assert.Null(recall.RestoreRequest);

        recall = SignedIn();
        recall.Forget();
        Assert.Null(recall.RestoreRequest);
    }

    [Fact]
    public void A_wrong_code_keeps_the_login_waiting_for_the_right_one()
    {
        var recall = new SessionRecall();
        recall.Answered(Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AuthenticatorCode, Countdown: 30));

        recall.Failed(MethodNames.ConfirmTwoFactor, DaemonError(ApplicationErrorCode.CodeInvalid));
        recall.Answered(new ConfirmTwoFactorParams("123456"), new ConfirmTwoFactorResult(SessionStatus.Authenticated));

        Assert.Equal(Login with { RestoreOnly = true }, recall.RestoreRequest);
    }

    [Fact]
    public void An_expired_second_factor_ends_the_login_and_drops_its_pin()
    {
        var recall = new SessionRecall();
        recall.Answered(Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AppApproval, Countdown: 60));

        recall.Failed(MethodNames.ConfirmTwoFactor, DaemonError(ApplicationErrorCode.LoginExpired));
        recall.Answered(new ConfirmTwoFactorParams(), new ConfirmTwoFactorResult(SessionStatus.Authenticated));

        Assert.Null(recall.RestoreRequest);
    }

    [Fact]
    public void Other_answers_change_nothing()
    {
        var recall = SignedIn();

        recall.Answered(new EmptyParams(), new FetchPortfolioResult([], []));
        recall.Answered(new ConfirmTwoFactorParams(), new ConfirmTwoFactorResult(SessionStatus.WaitingForSecondFactor));

        Assert.Equal(Login with { RestoreOnly = true }, recall.RestoreRequest);
    }

    private static RemoteInvocationException DaemonError(ApplicationErrorCode code) => new("refused", (int)code, errorData: null);

    private static SessionRecall SignedIn()
    {
        var recall = new SessionRecall();
        recall.Answered(Login, new LoginResult(SessionStatus.Authenticated, Restored: true));
        return recall;
    }
}
