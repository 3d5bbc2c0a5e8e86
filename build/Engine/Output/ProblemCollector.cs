using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Prism.Pipeline.Engine.Output;

/// <summary>Keeps every warning and error so they can be replayed above the summary, where people look last.</summary>
internal sealed class ProblemCollector : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter Format = new("[{Level:u3}] {Message:lj}");
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (problems)
            {
                return problems.ToList();
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        using var text = new StringWriter();
        Format.Format(logEvent, text);
        lock (problems)
        {
            problems.Add(text.ToString());
        }
    }
}
