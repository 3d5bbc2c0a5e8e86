using System.Diagnostics;
using Prism.Pipeline.Engine.Output;
using Serilog;
using Serilog.Events;

namespace Prism.Pipeline.Engine;

/// <summary>One run: parse, bind, plan, check, execute, summarise. Returns the process exit code.</summary>
public static class BuildRunner
{
    public static async Task<int> RunAsync(NukeBuild build, string defaultTarget, BuildContext context)
    {
        var host = BuildHost.Detect(context.Environment, context.Output);
        var problems = new ProblemCollector();
        BuildInvocation invocation;
        try
        {
            invocation = ArgumentParser.Parse(context.Arguments);
        }
        catch (BuildException exception)
        {
            using var early = CreateLogger(host, problems, Verbosity.Normal, context.Output);
            early.Error("{Message}", exception.Message);
            return exception.ExitCode;
        }

        using var log = CreateLogger(host, problems, invocation.Verbosity, context.Output);
        var executor = new BuildExecutor(host, log, context.Abort);
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<ExecutableTarget> plan = [];
        try
        {
            var root = FindRoot(invocation.Root, context.CurrentDirectory);
            build.Attach(context, root, log, executor);
            if (!invocation.NoLogo && invocation.Verbosity > Verbosity.Quiet)
            {
                context.Output.WriteLine($"Prism build · {root}");
            }

            var graph = TargetGraph.Create(build);
            var parameters = BuildParameter.Discover(build.GetType());
            var errors = new ParameterBinder(context.Environment, ParametersFile.Load(root), context.CurrentDirectory)
                .Bind(build, parameters, invocation).Concat(build.CheckParameters()).ToList();
            SchemaWriter.WriteIfChanged(root / ".nuke" / "build.schema.json", parameters);
            if (invocation.Help)
            {
                context.Output.Write(HelpRenderer.Render(graph, defaultTarget, parameters, build));
                return errors.Count == 0 ? 0 : throw BuildException.InvalidParameters(errors);
            }

            if (errors.Count > 0)
            {
                throw BuildException.InvalidParameters(errors);
            }

            var invoked = (invocation.Targets.Count > 0 ? invocation.Targets : [defaultTarget]).Select(graph.Find).Distinct().ToList();
            var planned = ExecutionPlanner.Plan(graph, invoked);
            var skipped = SkippedTargets(graph, invocation, planned, invoked);
            if (invocation.Plan)
            {
                context.Output.Write(PlanRenderer.Render(planned, skipped));
                return 0;
            }

            plan = planned.Select(entry => entry.Target).ToList();
            ApplySkips(plan, skipped);
            CheckRequirements(plan);
            await executor.RunAsync(plan);
        }
        catch (BuildException exception)
        {
            log.Error("{Message}", exception.Message);
            return exception.ExitCode;
        }

        return Finish(plan, stopwatch.Elapsed, host, problems, invocation.Verbosity, context);
    }

    private static int Finish(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, BuildHost host, ProblemCollector problems,
        Verbosity verbosity, BuildContext context)
    {
        var aborted = context.Abort.IsCancellationRequested;
        var succeeded = !aborted && plan.All(target => target.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
        var summary = BuildSummary.From(plan, total, DateTimeOffset.Now, succeeded);
        if (verbosity > Verbosity.Quiet)
        {
            context.Output.WriteLine();
            if (problems.Problems.Count > 0)
            {
                context.Output.WriteLine("Errors & Warnings");
                foreach (var problem in problems.Problems)
                {
                    context.Output.WriteLine("  " + problem);
                }

                context.Output.WriteLine();
            }

            context.Output.Write(SummaryRenderer.RenderText(summary));
        }

        host.PublishSummary(summary);
        return aborted ? BuildException.AbortedExitCode : succeeded ? 0 : BuildException.FailureExitCode;
    }

    /// <summary>Bare <c>--skip</c>: every planned target not invoked; named: exactly those (their dependencies still run).</summary>
    private static HashSet<ExecutableTarget> SkippedTargets(TargetGraph graph, BuildInvocation invocation,
        IReadOnlyList<PlannedTarget> planned, IReadOnlyList<ExecutableTarget> invoked) =>
        invocation.Skip switch
        {
            null => [],
            [] => planned.Select(entry => entry.Target).Except(invoked).ToHashSet(),
            var names => names.Select(graph.Find).ToHashSet(),
        };

    private static void ApplySkips(IReadOnlyList<ExecutableTarget> plan, HashSet<ExecutableTarget> skipped)
    {
        foreach (var target in plan)
        {
            var reason = skipped.Contains(target)
                ? "--skip"
                : target.StaticConditions.FirstOrDefault(condition => !condition.Evaluate())?.Text;
            if (reason is not null)
            {
                (target.Status, target.StatusReason) = (TargetStatus.Skipped, reason);
            }
        }
    }

    /// <summary>Checks every requirement of every target that will run, before any runs, and reports them all.</summary>
    private static void CheckRequirements(IReadOnlyList<ExecutableTarget> plan)
    {
        var missing = plan.Where(target => target.Status != TargetStatus.Skipped)
            .SelectMany(target => target.Requirements
                .Where(requirement => IsUnset(requirement.Evaluate()))
                .Select(requirement => $"{target.Name} requires {requirement.Text} to be set."))
            .ToList();
        if (missing.Count > 0)
        {
            throw BuildException.MissingRequirements(missing);
        }
    }

    private static bool IsUnset(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection collection => collection.Count == 0,
        _ => false,
    };

    private static AbsolutePath FindRoot(string? explicitRoot, string currentDirectory)
    {
        if (explicitRoot is not null)
        {
            return new AbsolutePath(Path.Combine(currentDirectory, explicitRoot));
        }

        // From the working folder first (NUKE's rule), then from the build's own location, so
        // `/path/to/repo/build.sh` works from anywhere.
        return FolderWithNuke(currentDirectory) ?? FolderWithNuke(AppContext.BaseDirectory)
            ?? throw BuildException.RootNotFound(currentDirectory);
    }

    private static AbsolutePath? FolderWithNuke(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".nuke")))
            {
                return new AbsolutePath(folder.FullName);
            }
        }

        return null;
    }

    private static Serilog.Core.Logger CreateLogger(BuildHost host, ProblemCollector problems, Verbosity verbosity, TextWriter output) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(verbosity switch
            {
                Verbosity.Quiet => LogEventLevel.Error,
                Verbosity.Minimal => LogEventLevel.Warning,
                Verbosity.Verbose => LogEventLevel.Debug,
                _ => LogEventLevel.Information,
            })
            .WriteTo.Sink(new TextWriterSink(host.Formatter, output))
            .WriteTo.Sink(problems)
            .CreateLogger();
}
