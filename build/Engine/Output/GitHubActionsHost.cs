using Serilog.Events;
using Serilog.Formatting;

namespace Prism.Pipeline.Engine.Output;

/// <summary>
/// GitHub Actions: each target folds into a <c>::group::</c>, warnings and errors become annotations, and the summary
/// table is appended to the job's step summary as Markdown.
/// </summary>
internal sealed class GitHubActionsHost(TextWriter output, string? stepSummaryPath) : BuildHost(output)
{
    public override ITextFormatter Formatter { get; } = new AnnotationFormatter();

    public override void BeginTarget(string name) => Output.WriteLine("::group::" + WorkflowCommand.Escape(name));

    public override void EndTarget(string name) => Output.WriteLine("::endgroup::");

    public override void PublishSummary(BuildSummary summary)
    {
        if (!string.IsNullOrEmpty(stepSummaryPath))
        {
            File.AppendAllText(stepSummaryPath, SummaryRenderer.RenderMarkdown(summary));
        }
    }

    /// <summary>Warnings and errors as <c>::warning::</c>/<c>::error::</c> annotations; other levels as plain lines.</summary>
    private sealed class AnnotationFormatter : ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            using var message = new StringWriter();
            MessageOnly.Format(logEvent, message);
            var text = message.ToString();
            var command = logEvent.Level switch
            {
                >= LogEventLevel.Error => "error",
                LogEventLevel.Warning => "warning",
                _ => null,
            };
            output.WriteLine(command is null ? text : $"::{command}::{WorkflowCommand.Escape(text)}");
        }
    }
}

/// <summary>GitHub's escaping for workflow command data, so a multi-line message stays one annotation.</summary>
internal static class WorkflowCommand
{
    public static string Escape(string data) =>
        data.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
}
