using System.Text.Json.Serialization.Metadata;
using Prism.Protocol;

namespace Prism.Host.Bridge;

/// <summary>
/// One method of the daemon contract as the host calls it: name, parameter and result serializers, how long one
/// call may take, and whether asking twice is harmless (then a call that met a daemon that had just died is
/// repeated once on a fresh daemon instead of failing).
/// </summary>
internal sealed record DaemonCall<TParams, TResult>(string Method, JsonTypeInfo<TParams> Params, JsonTypeInfo<TResult> Result, TimeSpan Timeout, bool SafeToRepeat = false)
{
    /// <summary>What a successful answer tells the <see cref="SessionRecall"/> (a login and its second factor do); null for the calls that tell it nothing.</summary>
    public Action<SessionRecall, TParams, TResult>? Recall { get; init; }
}

/// <summary>The calls of daemon-protocol.md, serialized through Prism.Protocol's source-generated context.</summary>
internal static class DaemonCalls
{
    private static readonly ProtocolJsonContext Json = ProtocolJsonContext.Default;

    /// <summary>Answered from memory: a slow answer means a stuck daemon.</summary>
    public static DaemonCall<EmptyParams, GetStatusResult> GetStatus { get; } = new(MethodNames.GetStatus, Json.EmptyParams, Json.GetStatusResult, TimeSpan.FromSeconds(15), SafeToRepeat: true);

    public static DaemonCall<LoginParams, LoginResult> Login { get; } = new(MethodNames.Login, Json.LoginParams, Json.LoginResult, TimeSpan.FromSeconds(60))
    {
        Recall = static (recall, login, result) => recall.LoginAnswered(login, result),
    };

    /// <summary>For app approval the daemon waits until the person approves or the login expires (minutes).</summary>
    public static DaemonCall<ConfirmTwoFactorParams, ConfirmTwoFactorResult> ConfirmTwoFactor { get; } = new(MethodNames.ConfirmTwoFactor, Json.ConfirmTwoFactorParams, Json.ConfirmTwoFactorResult, TimeSpan.FromMinutes(6))
    {
        Recall = static (recall, _, result) => recall.SecondFactorAnswered(result),
    };

    public static DaemonCall<EmptyParams, LogoutResult> Logout { get; } = new(MethodNames.Logout, Json.EmptyParams, Json.LogoutResult, TimeSpan.FromSeconds(30));

    public static DaemonCall<EmptyParams, FetchPortfolioResult> FetchPortfolio { get; } = new(MethodNames.FetchPortfolio, Json.EmptyParams, Json.FetchPortfolioResult, TimeSpan.FromSeconds(60), SafeToRepeat: true);

    public static DaemonCall<EmptyParams, ShutdownResult> Shutdown { get; } = new(MethodNames.Shutdown, Json.EmptyParams, Json.ShutdownResult, TimeSpan.FromSeconds(3));
}
