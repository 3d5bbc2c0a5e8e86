using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Prism.Pipeline.Engine.Output;

/// <summary>Where the build runs decides how its output is framed: a terminal, or GitHub Actions' workflow commands.</summary>
internal abstract class BuildHost(TextWriter output)
{
    protected TextWriter Output { get; } = output;

    /// <summary>How one log event becomes text.</summary>
    public abstract ITextFormatter Formatter { get; }

    /// <summary>GitHub Actions when <c>GITHUB_ACTIONS=true</c>, else a plain terminal.</summary>
    public static BuildHost Detect(IReadOnlyDictionary<string, string> environment, TextWriter output) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") == "true"
            ? new GitHubActionsHost(output, environment.GetValueOrDefault("GITHUB_STEP_SUMMARY"))
            : new TerminalHost(output);

    /// <summary>Printed before a target's own output.</summary>
    public abstract void BeginTarget(string name);

    /// <summary>Printed after a target's own output.</summary>
    public virtual void EndTarget(string name)
    {
    }

    /// <summary>Called once with the final summary, after it was printed.</summary>
    public virtual void PublishSummary(BuildSummary summary)
    {
    }

    /// <summary>The message as people read it: strings unquoted, values as they are.</summary>
    protected static readonly ITextFormatter MessageOnly = new MessageTemplateTextFormatter("{Message:lj}");
}

/// <summary>A terminal: timestamped lines and a ruled header per target.</summary>
internal sealed class TerminalHost(TextWriter output) : BuildHost(output)
{
    public override ITextFormatter Formatter { get; } =
        new MessageTemplateTextFormatter("{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}");

    public override void BeginTarget(string name)
    {
        Output.WriteLine();
        Output.WriteLine($"── {name} " + new string('─', Math.Max(4, 60 - name.Length)));
    }
}
