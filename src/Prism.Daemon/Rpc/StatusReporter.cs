using Prism.Protocol;

namespace Prism.Daemon.Rpc;

/// <summary>
/// Answers <c>get_status</c> from memory, never from the network. This daemon has no Trade Republic session
/// support yet, so it is always idle and has no saved session to offer; saying otherwise would be a lie.
/// </summary>
internal sealed class StatusReporter(string version)
{
    public GetStatusResult Report() => new(SessionStatus.Idle, HasSavedSession: false, version);
}
