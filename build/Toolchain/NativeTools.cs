using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Toolchain;

/// <summary>The native programs a run uses (clang, lld, lipo), each asked for its version and traced to its package.</summary>
internal sealed class NativeTools(ToolRunner tools, DebianPackages packages, string workingDirectory)
{
    /// <summary>Each installed program of <paramref name="programs"/> (full paths; nulls, the ones not installed, are left out), in the order given.</summary>
    public async Task<IReadOnlyList<NativeTool>> DescribeAsync(IEnumerable<string?> programs)
    {
        var found = new List<NativeTool>();
        foreach (var path in programs.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var (_, output) = await tools.CaptureAsync(path, ["--version"], workingDirectory);
            var owners = await packages.OwningAsync([path]);
            var owner = owners.Count > 0 ? owners[0] : null;
            found.Add(new NativeTool(ProgramName(path), VersionLine(output), owner?.Name, owner?.Version));
        }

        return found;
    }

    /// <summary>The program's file name without Windows' ".exe" (ld.lld keeps its dot).</summary>
    private static string ProgramName(string path) =>
        Path.GetFileName(path) is var name && name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;

    /// <summary>The first line of <c>--version</c> output that holds a version number (llvm-lipo's first line is "LLVM (http://llvm.org/):").</summary>
    public static string VersionLine(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return lines.FirstOrDefault(line => line.Any(char.IsAsciiDigit) && !line.Contains("http", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
    }
}
