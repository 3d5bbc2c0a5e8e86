using System.Reflection;
using System.Text.Json;
using Prism.Host.Bridge;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Tests.Bridge;

/// <summary>Which login the bridge would replay (restore_only, no PIN) on a daemon that replaced a crashed one, and that no PIN is kept for it.</summary>
public sealed class SessionRecallTests
{
    private const string Pin = "6093";
    private static readonly LoginParams Login = new("+491701234567", Pin);
    private static readonly LoginParams Restore = new("+491701234567", Pin: null, RestoreOnly: true);

    [Fact]
    public void Nothing_is_restored_before_any_login()
    {
        Assert.Null(new SessionRecall().RestoreRequest);
    }

    [Fact]
    public void A_login_counts_once_its_second_factor_passes()
    {
        var recall = new SessionRecall();

        Answer(recall, DaemonCalls.Login, Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AuthenticatorCode, Countdown: 30));
        Assert.Null(recall.RestoreRequest);

        Answer(recall, DaemonCalls.ConfirmTwoFactor, new ConfirmTwoFactorParams("123456"), new ConfirmTwoFactorResult(SessionStatus.Authenticated));
        Assert.Equal(Restore, recall.RestoreRequest);
    }

    [Fact]
    public void A_login_answered_from_the_saved_session_counts_at_once()
    {
        var recall = new SessionRecall();

        Answer(recall, DaemonCalls.Login, Restore, new LoginResult(SessionStatus.Authenticated, Restored: true));

        Assert.Equal(Restore, recall.RestoreRequest);
    }

    [Fact]
    public void No_pin_is_kept_while_the_login_waits_nor_once_it_is_signed_in_and_the_restore_sends_none()
    {
        var recall = new SessionRecall();

        Answer(recall, DaemonCalls.Login, Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AuthenticatorCode, Countdown: 30));
        AssertHoldsNoPin(recall);

        Answer(recall, DaemonCalls.ConfirmTwoFactor, new ConfirmTwoFactorParams("123456"), new ConfirmTwoFactorResult(SessionStatus.Authenticated));
        AssertHoldsNoPin(recall);
        Assert.Null(recall.RestoreRequest!.Pin);
        Assert.DoesNotContain("pin", JsonSerializer.Serialize(recall.RestoreRequest, ProtocolJsonContext.Default.LoginParams), StringComparison.Ordinal);
    }

    [Fact]
    public void Logout_a_new_login_and_forget_each_drop_the_remembered_session()
    {
        var recall = SignedIn();
        recall.Sending(MethodNames.Logout);
        Assert.Null(recall.RestoreRequest);

        recall = SignedIn();
        Answer(recall, DaemonCalls.Login, new LoginParams("+491709999999", "9876"), new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AppApproval, Countdown: 60));
        Assert.Null(recall.RestoreRequest);

        recall = SignedIn();
        recall.Forget();
        Assert.Null(recall.RestoreRequest);
    }

    [Fact]
    public void A_wrong_code_keeps_the_login_waiting_for_the_right_one()
    {
        var recall = new SessionRecall();
        Answer(recall, DaemonCalls.Login, Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AuthenticatorCode, Countdown: 30));

        recall.Failed(MethodNames.ConfirmTwoFactor, DaemonError(ApplicationErrorCode.CodeInvalid));
        Answer(recall, DaemonCalls.ConfirmTwoFactor, new ConfirmTwoFactorParams("123456"), new ConfirmTwoFactorResult(SessionStatus.Authenticated));

        Assert.Equal(Restore, recall.RestoreRequest);
    }

    [Fact]
    public void An_expired_second_factor_ends_the_login_and_drops_its_pin()
    {
        var recall = new SessionRecall();
        Answer(recall, DaemonCalls.Login, Login, new LoginResult(SessionStatus.WaitingForSecondFactor, SecondFactor: SecondFactor.AppApproval, Countdown: 60));

        recall.Failed(MethodNames.ConfirmTwoFactor, DaemonError(ApplicationErrorCode.LoginExpired));
        Answer(recall, DaemonCalls.ConfirmTwoFactor, new ConfirmTwoFactorParams(), new ConfirmTwoFactorResult(SessionStatus.Authenticated));

        Assert.Null(recall.RestoreRequest);
    }

    [Fact]
    public void Other_answers_change_nothing()
    {
        var recall = SignedIn();

        Answer(recall, DaemonCalls.FetchPortfolio, new EmptyParams(), new FetchPortfolioResult([], []));
        Answer(recall, DaemonCalls.GetStatus, new EmptyParams(), new GetStatusResult(SessionStatus.Idle, HasSavedSession: false, "0.0.0"));
        Answer(recall, DaemonCalls.ConfirmTwoFactor, new ConfirmTwoFactorParams(), new ConfirmTwoFactorResult(SessionStatus.WaitingForSecondFactor));

        Assert.Equal(Restore, recall.RestoreRequest);
    }

    /// <summary>No field of the recall, serialized whole (records included), contains the PIN.</summary>
    private static void AssertHoldsNoPin(SessionRecall recall)
    {
        foreach (var field in typeof(SessionRecall).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            var value = field.GetValue(recall);
            var serialized = value is null ? "null" : JsonSerializer.Serialize(value, value.GetType());
            Assert.DoesNotContain(Pin, serialized, StringComparison.Ordinal);
        }
    }

    /// <summary>A successful answer to <paramref name="call"/>, passed on to the recall as the bridge passes it.</summary>
    private static void Answer<TParams, TResult>(SessionRecall recall, DaemonCall<TParams, TResult> call, TParams parameters, TResult result) =>
        call.Recall?.Invoke(recall, parameters, result);

    private static RemoteInvocationException DaemonError(ApplicationErrorCode code) => new("refused", (int)code, errorData: null);

    private static SessionRecall SignedIn()
    {
        var recall = new SessionRecall();
        Answer(recall, DaemonCalls.Login, Login, new LoginResult(SessionStatus.Authenticated, Restored: true));
        return recall;
    }
}
