using Serilog.Core;
using Serilog.Events;

namespace Prism.Daemon.UnitTests.Support;

/// <summary>A Serilog sink that keeps every event, for tests that check what was logged.</summary>
internal sealed class ListSink(List<LogEvent> events) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (events)
        {
            events.Add(logEvent);
        }
    }
}
