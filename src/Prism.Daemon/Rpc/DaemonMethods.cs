using System.Reflection;
using Prism.Daemon.Session;
using Prism.Daemon.Transport;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Daemon.Rpc;

/// <summary>
/// The methods this daemon serves, registered with the RPC engine from one table so that the transport's
/// screen answers -32601 for exactly the methods that are not in it. Methods with params bind the whole
/// params object to the contract's record (<c>LoginParams</c>, <c>ConfirmTwoFactorParams</c>).
/// </summary>
internal sealed class DaemonMethods
{
    private readonly IReadOnlyDictionary<string, Delegate> table;

    public DaemonMethods(string version, SessionManager session, StopSignal stop)
    {
        table = new Dictionary<string, Delegate>(StringComparer.Ordinal)
        {
            [MethodNames.GetStatus] = new Func<GetStatusResult>(() => session.Status(version)),
            [MethodNames.Login] = new Func<LoginParams, CancellationToken, Task<LoginResult>>(session.LoginAsync),
            [MethodNames.ConfirmTwoFactor] = new Func<ConfirmTwoFactorParams, CancellationToken, Task<ConfirmTwoFactorResult>>(
                (confirmation, cancellation) => session.ConfirmAsync(confirmation.Token, cancellation)),
            [MethodNames.Logout] = new Func<CancellationToken, Task<LogoutResult>>(session.LogoutAsync),
            [MethodNames.FetchPortfolio] = new Func<CancellationToken, Task<FetchPortfolioResult>>(session.FetchPortfolioAsync),
            [MethodNames.Shutdown] = new Func<ShutdownResult>(() =>
            {
                stop.Request();
                return ShutdownResult.ShuttingDown;
            }),
        };
    }

    public IReadOnlyCollection<string> Names => [.. table.Keys];

    public void RegisterOn(JsonRpc rpc)
    {
        foreach (var (name, method) in table)
        {
            var binding = new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = TakesParamsObject(method.Method) };
            rpc.AddLocalRpcMethod(method.Method, method.Target, binding);
        }
    }

    /// <summary>Whether the method's first parameter stands for the whole params object (rather than none at all).</summary>
    private static bool TakesParamsObject(MethodInfo method) =>
        method.GetParameters() is [var first, ..] && first.ParameterType != typeof(CancellationToken);
}
