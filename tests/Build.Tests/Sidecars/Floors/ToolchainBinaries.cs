using System.Diagnostics;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Sidecars.Floors;

/// <summary>
/// Real binaries made by this machine's toolchain for the floor checks: ELF programs linked by clang against Debian 12's
/// glibc 2.36 and libraries, Mach-O programs linked by LLVM's ld64.lld for a chosen deployment target (it writes
/// LC_BUILD_VERSION, or LC_VERSION_MIN_MACOSX below 10.14, and signs arm64 ad hoc as Apple's linker does), and PE
/// programs linked by lld-link against import libraries llvm-dlltool makes. A missing tool skips the test, naming it.
/// </summary>
internal static class ToolchainBinaries
{
    private const string LlvmBin = "/usr/lib/llvm-14/bin";

    /// <summary>Compiles C <paramref name="source"/> for this Linux machine with clang and the extra linker arguments.</summary>
    public static string Elf(TemporaryFolder folder, string name, string source, params string[] linkArguments)
    {
        var sourcePath = folder.Write(name + ".c", source);
        var output = Path.Combine(folder.Path, name);
        Run(Tool("clang"), [sourcePath, "-O1", "-o", output, .. linkArguments]);
        return output;
    }

    /// <summary>Compiles C++ <paramref name="source"/> with g++ (libstdc++ from Debian 12's GCC 12).</summary>
    public static string CxxElf(TemporaryFolder folder, string name, string source)
    {
        var sourcePath = folder.Write(name + ".cpp", source);
        var output = Path.Combine(folder.Path, name);
        Run(Tool("g++"), [sourcePath, "-O1", "-o", output]);
        return output;
    }

    /// <summary>
    /// A thin Mach-O executable for <paramref name="arch"/> (x86_64 or arm64) whose deployment target is
    /// <paramref name="minimumMacOS"/>; <paramref name="variant"/> changes its code (another build of "the same" program).
    /// </summary>
    public static string MachO(TemporaryFolder folder, string name, string arch, string minimumMacOS, int variant = 0)
    {
        var source = folder.Write(name + ".c", $"int start(void) {{ return {variant}; }}\n");
        var target = arch == "arm64" ? "arm64-apple-macos11" : "x86_64-apple-macos10.13";
        var objectFile = Path.Combine(folder.Path, name + ".o");
        var output = Path.Combine(folder.Path, name);
        Run(Tool("clang"), [$"--target={target}", "-c", source, "-o", objectFile]);
        Run(LlvmTool("ld64.lld"), ["-arch", arch, "-platform_version", "macos", minimumMacOS, minimumMacOS, "-e", "_start", "-o", output, objectFile]);
        return output;
    }

    /// <summary>A universal Mach-O made by lipo from thin ones.</summary>
    public static string Fat(TemporaryFolder folder, string name, params string[] slices)
    {
        var output = Path.Combine(folder.Path, name);
        Run(UniversalBinary.FindLipo() ?? Missing("lipo or llvm-lipo"), ["-create", .. slices, "-output", output]);
        return output;
    }

    /// <summary>An x64 PE console (or GUI) program calling one function of each DLL in <paramref name="imports"/> (dll → function).</summary>
    public static string Pe(TemporaryFolder folder, string name, IReadOnlyDictionary<string, string> imports, bool gui = false)
    {
        var declarations = string.Concat(imports.Values.Select(function => $"__declspec(dllimport) int {function}(void);\n"));
        var calls = string.Concat(imports.Values.Select(function => $"{function}(); "));
        var source = folder.Write(name + ".c", declarations + $"int start(void) {{ {calls}return 0; }}\n");
        var objectFile = Path.Combine(folder.Path, name + ".obj");
        Run(Tool("clang"), ["--target=x86_64-pc-windows-msvc", "-c", source, "-o", objectFile]);
        var libraries = new List<string>();
        foreach (var (dll, function) in imports)
        {
            var definition = folder.Write(dll + ".def", $"LIBRARY {dll}\nEXPORTS\n  {function}\n");
            var library = Path.Combine(folder.Path, dll + ".lib");
            Run(LlvmTool("llvm-dlltool"), ["-m", "i386:x86-64", "-d", definition, "-l", library]);
            libraries.Add(library);
        }

        var output = Path.Combine(folder.Path, name + ".exe");
        Run(LlvmTool("lld-link"), ["/entry:start", $"/subsystem:{(gui ? "windows" : "console")}", "/nodefaultlib", $"/out:{output}", objectFile, .. libraries]);
        return output;
    }

    private static string Tool(string name) => ExecutableSearch.Find(name) ?? Missing(name);

    private static string LlvmTool(string name) =>
        File.Exists(Path.Combine(LlvmBin, name)) ? Path.Combine(LlvmBin, name) : ExecutableSearch.Find(name) ?? Missing(name);

    private static string Missing(string tool)
    {
        Assert.Skip($"{tool} is not installed (Debian: clang, lld, llvm, g++); .ci/run installs them");
        return tool;
    }

    private static void Run(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(executable)} failed ({process.ExitCode}): {output.Result}{errors.Result}");
    }
}
