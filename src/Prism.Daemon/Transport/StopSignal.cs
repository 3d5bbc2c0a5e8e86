namespace Prism.Daemon.Transport;

/// <summary>
/// Asks the transport to stop reading as if stdin had ended (after <c>shutdown</c>, SIGTERM or Ctrl-C):
/// requests already read are still answered and flushed before the daemon exits.
/// </summary>
internal sealed class StopSignal
{
    private readonly TaskCompletionSource requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Requested => requested.Task;

    public void Request() => requested.TrySetResult();
}
