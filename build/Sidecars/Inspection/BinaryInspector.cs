using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>Checks a staged sidecar before it is bundled: present, a file, executable, a real binary rather than a
/// Git LFS pointer, and built for the expected triple.</summary>
public static class BinaryInspector
{
    private static readonly byte[] LfsPointerStart = "version https://git-lfs.github.com/spec/"u8.ToArray();

    /// <summary>Runs every check that applies; checks that cannot run after an earlier failure are skipped.</summary>
    public static InspectionResult Inspect(string path, string expectedTriple)
    {
        var expected = BinaryHeader.ExpectedFor(expectedTriple);
        var failures = new List<CheckFailure>();
        var start = Presence(path, failures);
        if (start is not null)
        {
            failures.AddRange(ContentChecks(path, start, expectedTriple, expected));
        }

        return new InspectionResult(path, expectedTriple, failures);
    }

    /// <summary>The file's first bytes, or null (with a failure) when it is missing, a folder or empty.</summary>
    private static byte[]? Presence(string path, List<CheckFailure> failures)
    {
        CheckFailure? failure =
            Directory.Exists(path) ? new("file", $"{path}: is a folder, not a file. Remove it and run the Stage target.")
            : !File.Exists(path) ? new("exists", $"{path}: missing. Run the Stage target (or `./build.sh Publish Stage`) for this triple.")
            : new FileInfo(path).Length == 0 ? new("empty", $"{path}: is empty (an interrupted copy?). Run the Stage target again.")
            : null;
        if (failure is not null)
        {
            failures.Add(failure);
            return null;
        }

        using var stream = File.OpenRead(path);
        var start = new byte[64];
        return start[..stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
    }

    /// <summary>The executable-bit, LFS-pointer and header checks of an existing, non-empty file.</summary>
    private static IEnumerable<CheckFailure> ContentChecks(string path, byte[] start, string triple, BinaryHeader expected)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            yield return new("executable", $"{path}: not executable, so Tauri fails with 'os error 13'. Run `chmod +x {path}`; "
                + "CI artifact upload/download loses the executable bit (tauri#4653), so stage after downloading or chmod again.");
        }

        if (start.AsSpan().StartsWith(LfsPointerStart))
        {
            yield return new("lfs-pointer", $"{path}: is a Git LFS pointer, not the binary. Run `git lfs pull` (or enable LFS in the CI checkout).");
            yield break;
        }

        var actual = BinaryHeaderReader.Read(path, start);
        if (actual is null || !actual.Satisfies(expected))
        {
            yield return new("header", HeaderMessage(path, triple, expected, actual));
            yield break;
        }

        if (actual.UnsignedSlices.Contains(nameof(System.Runtime.InteropServices.Architecture.Arm64)))
        {
            yield return new("code-signature", CodeSignatureMessage(path, actual));
        }
    }

    /// <summary>macOS kills an arm64 Mach-O without a code signature at launch ("Killed: 9"); x86_64 may run unsigned.</summary>
    private static string CodeSignatureMessage(string path, BinaryHeader actual) =>
        $"{path}: the {(actual.IsFat ? "arm64 slice of this universal binary" : "arm64 binary")} has no code signature (LC_CODE_SIGNATURE), " +
        "and macOS kills an unsigned arm64 executable at launch. The .NET SDK ad-hoc signs osx-arm64 publishes (on Linux too): " +
        "publish it again rather than editing it afterwards (strip or install_name_tool break the signature), or sign it on a Mac " +
        "with `codesign --sign - <file>`" + (actual.IsFat ? "; make a universal binary with lipo from signed slices" : "") + ".";

    private static string HeaderMessage(string path, string triple, BinaryHeader expected, BinaryHeader? actual)
    {
        var found = actual?.ToString() ?? "not a valid PE, ELF or Mach-O binary (a text file, or truncated/corrupt)";
        var fix = TargetTable.IsUniversalAppleDarwin(triple)
            ? "Make it with `lipo -create` from the osx-x64 and osx-arm64 publishes."
            : $"Stage the {TargetTable.RidForTriple(triple)} publish under this name.";
        return $"{path}: header is {found}, but {triple} needs {expected}. {fix}";
    }
}
