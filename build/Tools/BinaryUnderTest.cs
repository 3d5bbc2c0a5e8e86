using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prism.Pipeline.Tools;

/// <summary>
/// One published sidecar the test suites run, as the build hands it to them in <c>PRISM_TEST_BINARIES</c>: what it is,
/// where it is, and — for a platform this machine emulates — the emulator's command prefix and environment. The test
/// side (tests/Prism.TestBinaries) reads the same JSON; the build never references test code.
/// </summary>
internal sealed record BinaryUnderTest(string Sidecar, string Runtime, string Mode, string Path, EmulatorUnderTest? Emulator)
{
    public const string Variable = "PRISM_TEST_BINARIES";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The variable's value: a JSON array, one object per binary.</summary>
    public static string ToVariable(IEnumerable<BinaryUnderTest> binaries) => JsonSerializer.Serialize(binaries.ToList(), Json);
}

/// <summary>How the test runs a foreign binary: <c>qemu-user</c> or <c>wine</c>, its version, the words before the binary, and the environment.</summary>
internal sealed record EmulatorUnderTest(string Name, string Version, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Environment);
