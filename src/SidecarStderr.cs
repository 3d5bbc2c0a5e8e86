using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.Async;

namespace Prism;

/// <summary>
/// Stands between Serilog.Sinks.Async's worker and the console sink. Lines the async buffer dropped while stderr
/// was full are counted by that buffer; before the next line that reaches stderr (or at close), this writes one
/// line saying how many. Called on the worker thread only, so it needs no lock.
/// </summary>
internal sealed class DroppedLinesNotice(ILogEventSink stderr) : ILogEventSink, IAsyncLogEventSinkMonitor, IDisposable
{
    private static readonly MessageTemplate Notice =
        new MessageTemplateParser().Parse("{DroppedLines} log lines were dropped because stderr was full (is anything reading it?)");

    private volatile IAsyncLogEventSinkInspector? buffer;
    private long reported;

    public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => buffer = inspector;

    public void StopMonitoring(IAsyncLogEventSinkInspector inspector) => buffer = null;

    public void Emit(LogEvent logEvent)
    {
        ReportDropped();
        stderr.Emit(logEvent);
    }

    /// <summary>Runs after the worker wrote its last line: drops at the very end are reported too.</summary>
    public void Dispose()
    {
        ReportDropped();
        (stderr as IDisposable)?.Dispose();
    }

    private void ReportDropped()
    {
        var dropped = buffer?.DroppedMessagesCount ?? 0;
        if (dropped > reported)
        {
            stderr.Emit(new LogEvent(DateTimeOffset.Now, LogEventLevel.Warning, exception: null, Notice, [new LogEventProperty("DroppedLines", new ScalarValue(dropped - reported))]));
            reported = dropped;
        }
    }
}

/// <summary>
/// Closes the sink it wraps within <paramref name="limit"/>. Serilog.Sinks.Async's Dispose waits until its worker
/// has written every buffered line; when nobody reads stderr that never happens, and a sidecar asked to exit would
/// hang there. Past the limit the remaining lines are given up: the worker is a background thread, so it does not
/// keep the process alive.
/// </summary>
internal sealed class BoundedClose(ILogEventSink inner, TimeSpan limit) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(logEvent);

    public void Dispose()
    {
        if (inner is IDisposable disposable)
        {
            Task.Factory.StartNew(disposable.Dispose, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Wait(limit);
        }
    }
}
