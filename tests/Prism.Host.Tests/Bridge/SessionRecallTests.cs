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

    /// <summary>
    /// No string the recall holds — in its own fields, public or private, and in every object they lead to — contains
    /// the PIN; the phone number it keeps is among those seen, so the walk reaches what the recall holds.
    /// </summary>
    private static void AssertHoldsNoPin(SessionRecall recall)
    {
        var held = StringsHeldBy(recall, new HashSet<object>(ReferenceEqualityComparer.Instance)).ToList();

        Assert.Contains(held, text => text.Contains(Restore.Phone, StringComparison.Ordinal));
        Assert.DoesNotContain(held, text => text.Contains(Pin, StringComparison.Ordinal));
    }

    /// <summary>Every string reachable from <paramref name="value"/> through instance fields (base types' included) and collections.</summary>
    private static IEnumerable<string> StringsHeldBy(object? value, HashSet<object> seen)
    {
        if (value is string text)
        {
            yield return text;
            yield break;
        }

        if (value is null or Delegate or MemberInfo || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            yield break;
        }

        var children = value is System.Collections.IEnumerable items
            ? items.Cast<object?>()
            : Enumerable.Empty<object?>();
        for (var type = value.GetType(); type is not null; type = type.BaseType)
        {
            children = children.Concat(type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Select(field => field.GetValue(value)));
        }

        foreach (var child in children.ToList())
        {
            foreach (var found in StringsHeldBy(child, seen))
            {
                yield return found;
            }
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
