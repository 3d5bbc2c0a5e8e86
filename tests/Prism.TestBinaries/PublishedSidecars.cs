using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prism.TestBinaries;

/// <summary>
/// The published sidecars the suites run, read from the environment the build's Test target sets:
/// <list type="bullet">
/// <item><c>PRISM_TEST_BINARIES</c>: a JSON array, one object per binary —
/// <c>{"sidecar":"tr-daemon","runtime":"linux-arm64","mode":"aot","path":"/…/tr-daemon",
/// "emulator":{"name":"qemu-user","version":"7.2.22","command":["/usr/bin/qemu-aarch64"],"environment":{}}}</c>;
/// <c>emulator</c> is absent for binaries this machine runs itself. Row labels read
/// <c>&lt;runtime&gt; &lt;mode&gt; (&lt;emulator or native&gt;)</c>, so the TRX counts tests per platform.</item>
/// <item><c>PRISM_TEST_DAEMON_BINARIES</c> / <c>PRISM_TEST_HOST_BINARIES</c>: paths of binaries this machine runs
/// itself, separated by the path separator — the older form, handy by hand; rows read <c>published: &lt;path&gt;</c>.</item>
/// </list>
/// </summary>
public static class PublishedSidecars
{
    public const string BinariesVariable = "PRISM_TEST_BINARIES";
    public const string DaemonPathsVariable = "PRISM_TEST_DAEMON_BINARIES";
    public const string HostPathsVariable = "PRISM_TEST_HOST_BINARIES";
    private const string PathLabelPrefix = "published: ";

    private static readonly Lazy<IReadOnlyList<PublishedSidecar>> All = new(Read);

    public static IReadOnlyList<PublishedSidecar> Daemons => [.. All.Value.Where(binary => binary.Sidecar == PublishedSidecar.DaemonName)];

    public static IReadOnlyList<PublishedSidecar> Hosts => [.. All.Value.Where(binary => binary.Sidecar == PublishedSidecar.HostName)];

    /// <summary>What to tell someone whose run lists no binaries.</summary>
    public static string HowToList =>
        $"Set {BinariesVariable} (JSON, as the build's Test target writes it) or {DaemonPathsVariable} / {HostPathsVariable} (paths separated by '{System.IO.Path.PathSeparator}').";

    /// <summary>The <paramref name="sidecar"/> of a theory row; throws, naming what is listed, when none has that label.</summary>
    public static PublishedSidecar Find(string sidecar, string label)
    {
        var listed = All.Value.Where(binary => binary.Sidecar == sidecar).ToList();
        return listed.SingleOrDefault(binary => binary.Label == label)
            ?? throw new InvalidOperationException($"No published {sidecar} is labelled '{label}'; listed: {string.Join(", ", listed.Select(binary => binary.Label))}. {HowToList}");
    }

    /// <summary>
    /// The daemon published the way <paramref name="host"/> was — same runtime, mode and emulator, as a bundle ships
    /// them; for a host listed by path, the one in the publish layout's sibling folder (&lt;root&gt;/tr-daemon/&lt;rid&gt;/).
    /// </summary>
    public static PublishedSidecar? DaemonFor(PublishedSidecar host)
    {
        if (host.Mode is not null)
        {
            return Daemons.FirstOrDefault(daemon => daemon.Runtime == host.Runtime && daemon.Mode == host.Mode && daemon.Emulator?.Name == host.Emulator?.Name);
        }

        var ridFolder = new FileInfo(host.Path).Directory!;
        var daemonFolder = System.IO.Path.Combine(ridFolder.Parent!.Parent!.FullName, PublishedSidecar.DaemonName, ridFolder.Name);
        return Daemons.FirstOrDefault(daemon => daemon.Mode is null
            && string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(daemon.Path)), daemonFolder, StringComparison.Ordinal));
    }

    private static List<PublishedSidecar> Read()
    {
        var binaries = new List<PublishedSidecar>();
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } json)
        {
            binaries.AddRange(Parse(json));
        }

        binaries.AddRange(Paths(DaemonPathsVariable).Select(path => Native(PublishedSidecar.DaemonName, path)));
        binaries.AddRange(Paths(HostPathsVariable).Select(path => Native(PublishedSidecar.HostName, path)));
        return binaries;
    }

    /// <summary>Reads the JSON form; a malformed list is an error that says what is wrong and how it should look.</summary>
    public static IEnumerable<PublishedSidecar> Parse(string json)
    {
        List<ListedBinary>? listed;
        try
        {
            listed = JsonSerializer.Deserialize(json, ListedBinariesJson.Default.ListListedBinary);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{BinariesVariable} is not a JSON array of binaries: {exception.Message} {HowToList}", exception);
        }

        foreach (var entry in listed ?? [])
        {
            if (entry.Sidecar is not (PublishedSidecar.DaemonName or PublishedSidecar.HostName) || entry.Runtime is not { Length: > 0 } || entry.Mode is not { Length: > 0 } || entry.Path is not { Length: > 0 })
            {
                throw new InvalidOperationException($"{BinariesVariable} has an entry without sidecar (tr-daemon or prism), runtime, mode and path: {JsonSerializer.Serialize(entry, ListedBinariesJson.Default.ListedBinary)}");
            }

            var emulator = entry.Emulator switch
            {
                null => null,
                { Name: Emulator.QemuUser or Emulator.Wine, Command.Count: > 0 } listedEmulator => new Emulator(
                    listedEmulator.Name, listedEmulator.Version ?? "", listedEmulator.Command, listedEmulator.Environment ?? []),
                _ => throw new InvalidOperationException($"{BinariesVariable}: the emulator of {entry.Path} needs a name ({Emulator.QemuUser} or {Emulator.Wine}) and a command."),
            };
            yield return new PublishedSidecar(entry.Sidecar, entry.Runtime, entry.Mode, entry.Path, emulator, $"{entry.Runtime} {entry.Mode} ({emulator?.Name ?? "native"})");
        }
    }

    private static PublishedSidecar Native(string sidecar, string path) =>
        new(sidecar, RuntimeInformation.RuntimeIdentifier, Mode: null, path, Emulator: null, PathLabelPrefix + path);

    private static string[] Paths(string variable) =>
        (Environment.GetEnvironmentVariable(variable) ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One entry of <c>PRISM_TEST_BINARIES</c> as written.</summary>
internal sealed record ListedBinary(string? Sidecar, string? Runtime, string? Mode, string? Path, ListedEmulator? Emulator);

internal sealed record ListedEmulator(string? Name, string? Version, List<string>? Command, Dictionary<string, string>? Environment);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<ListedBinary>))]
internal sealed partial class ListedBinariesJson : JsonSerializerContext;
