using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Prism.Pipeline.Engine.Output;

/// <summary>Writes formatted events to the build's output writer (the console, or a test's StringWriter).</summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (output)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
