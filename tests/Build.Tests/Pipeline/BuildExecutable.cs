using System.Diagnostics;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>The real build executable (<c>_build.dll</c> beside the tests), run on a repository root as a user would run build.sh.</summary>
internal static class BuildExecutable
{
    /// <summary>Runs the build on <paramref name="root"/>; <paramref name="environment"/> replaces (or, with null, removes) variables of this process's.</summary>
    public static (int ExitCode, string Output) Run(string root, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(ToolRunner.DotNetExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "_build.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Last: the words before the first option are the targets.
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);

        start.Environment.Remove("TAURI_ENV_TARGET_TRIPLE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(20));
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
