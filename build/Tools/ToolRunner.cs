using CliWrap;
using CliWrap.Buffered;
using Prism.Pipeline.Engine;
using Serilog;

namespace Prism.Pipeline.Tools;

/// <summary>Runs a command-line tool with its output streamed into the build log; a non-zero exit fails the target.</summary>
internal sealed class ToolRunner(ILogger log, CancellationToken cancellation)
{
    /// <summary>Runs <paramref name="executable"/> and waits; an abort (Ctrl-C, SIGTERM, SIGHUP) kills it with its whole process tree instead of leaving it behind.</summary>
    public async Task RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => log.Information("{Line}", line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => log.Information("{Line}", line)))
            .WithValidation(CommandResultValidation.None);
        log.Information("> {Command}", $"{Path.GetFileName(executable)} {command.Arguments}");
        var result = await command.ExecuteAsync(cancellation);
        if (result.ExitCode != 0)
        {
            throw BuildException.Failure($"'{Path.GetFileName(executable)} {command.Arguments}' exited with code {result.ExitCode}; its output is above.");
        }
    }

    /// <summary>The SDK version <c>dotnet --version</c> reports in <paramref name="workingDirectory"/> (global.json applies).</summary>
    public async Task<string> DotNetVersionAsync(string workingDirectory)
    {
        var result = await Cli.Wrap(DotNetExecutable).WithArguments(["--version"]).WithWorkingDirectory(workingDirectory)
            .ExecuteBufferedAsync(cancellation);
        return result.StandardOutput.Trim();
    }

    /// <summary>
    /// Runs the <c>dotnet</c> that runs this build, so every step uses the SDK the bootstrapper chose — without MSBuild
    /// node reuse or the MSBuild server: a reused node belongs to an earlier build, not to this command's process tree,
    /// so an abort could not end what it runs (an AOT publish's ilc compiled on after Ctrl-C), and an idle one would
    /// outlive the build. Every MSBuild process of the command is then its descendant and ends with it.
    /// </summary>
    public Task DotNetAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null) =>
        RunAsync(DotNetExecutable, arguments, workingDirectory, new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        });

    /// <summary>The muxer running this process when it is <c>dotnet</c>, else <c>dotnet</c> from PATH.</summary>
    public static string DotNetExecutable { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
