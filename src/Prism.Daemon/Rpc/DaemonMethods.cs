using Prism.Daemon.Transport;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Daemon.Rpc;

/// <summary>
/// The methods this daemon serves, registered with the RPC engine from one table so that the transport's
/// screen answers -32601 for exactly the methods that are not in it. The session methods (login,
/// confirm_2fa, logout, fetch_portfolio) join the table with the Trade Republic client.
/// </summary>
internal sealed class DaemonMethods
{
    private readonly IReadOnlyDictionary<string, Delegate> table;

    public DaemonMethods(StatusReporter status, StopSignal stop)
    {
        table = new Dictionary<string, Delegate>(StringComparer.Ordinal)
        {
            [MethodNames.GetStatus] = new Func<GetStatusResult>(status.Report),
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
            rpc.AddLocalRpcMethod(name, method);
        }
    }
}
