using CliWrap;
using CliWrap.Buffered;
using Prism.Pipeline.Engine;
using Serilog;

namespace Prism.Pipeline.Tools;

/// <summary>Runs a command-line tool with its output streamed into the build log; a non-zero exit fails the target.</summary>
internal sealed class ToolRunner(ILogger log, CancellationToken cancellation)
{
    /// <summary>
    /// Runs <paramref name="executable"/> and waits; an abort (Ctrl-C, SIGTERM, SIGHUP) kills it with its whole process tree instead of leaving it behind.
    /// <paramref name="onLine"/> also sees every output line, for a caller that explains a known failure better.
    /// </summary>
    public async Task RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, Action<string>? onLine = null)
    {
        void Forward(string line)
        {
            log.Information("{Line}", line);
            onLine?.Invoke(line);
        }

        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Forward))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Forward))
            .WithValidation(CommandResultValidation.None);
        log.Information("> {Command}", $"{Path.GetFileName(executable)} {command.Arguments}");
        var result = await command.ExecuteAsync(cancellation);
        if (result.ExitCode != 0)
        {
            throw BuildException.Failure($"'{Path.GetFileName(executable)} {command.Arguments}' exited with code {result.ExitCode}; its output is above.");
        }
    }

    /// <summary>
    /// Runs <paramref name="executable"/> with its output (stdout and stderr, as they come) in <paramref name="logFile"/>
    /// instead of the build log — for a long-running nested build; a non-zero exit fails and names the file.
    /// </summary>
    public async Task RunToFileAsync(string executable, IEnumerable<string> arguments, string workingDirectory, string logFile,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        // Flushed line by line, so the log can be followed while the build runs.
        await using var writer = new StreamWriter(logFile) { AutoFlush = true };
        var gate = new object();
        void Write(string line)
        {
            lock (gate)
            {
                writer.WriteLine(line);
            }
        }

        var command = Cli.Wrap(executable).WithArguments(arguments).WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Write))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Write))
            .WithValidation(CommandResultValidation.None);
        log.Information("> {Command} (output in {LogFile})", $"{Path.GetFileName(executable)} {command.Arguments}", logFile);
        var result = await command.ExecuteAsync(cancellation);
        if (result.ExitCode != 0)
        {
            throw BuildException.Failure($"'{Path.GetFileName(executable)} {command.Arguments}' in {workingDirectory} exited with code {result.ExitCode}; its output is in {logFile}.");
        }
    }

    /// <summary>
    /// Runs <paramref name="executable"/> for what it prints (a version, a query), without logging it: its exit code and
    /// standard output. A program that cannot be started counts as exit code -1 with no output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> CaptureAsync(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        try
        {
            var result = await Cli.Wrap(executable).WithArguments(arguments).WithWorkingDirectory(workingDirectory)
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellation);
            return (result.ExitCode, result.StandardOutput);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
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
    public Task DotNetAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null) =>
        RunAsync(DotNetExecutable, arguments, workingDirectory, new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        }, onLine);

    /// <summary>The muxer running this process when it is <c>dotnet</c>, else <c>dotnet</c> from PATH.</summary>
    public static string DotNetExecutable { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
