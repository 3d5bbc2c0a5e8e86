namespace Prism.Host.Tests;

/// <summary>
/// A stand-in for tr-daemon: a shell script that sends the contract's ready line (with its own pid) and then plays a
/// part written in shell — the misbehaviour of a wedged or hostile daemon the real one cannot be made to show. Each
/// start counts itself: the script's body sees <c>$n</c> (1 for the first process started from it, 2 for its
/// replacement …), and every instance leaves its pid and the request lines it read in this folder, so a test can see
/// which instance answered and whether one outlived its kill.
/// </summary>
internal sealed class StandInDaemon
{
    private readonly string state;

    private StandInDaemon(string path, string state)
    {
        Path = path;
        this.state = state;
    }

    /// <summary>The script, to name in <c>PRISM_DAEMON_PATH</c> or a launch spec.</summary>
    public string Path { get; }

    /// <summary>
    /// Writes the stand-in to <paramref name="name"/> in <paramref name="folder"/>. <paramref name="body"/> runs after the
    /// ready line with two shell functions: <c>next</c> reads the next request line into <c>$request</c> (and its id
    /// into <c>$id</c>; the id of a <c>$/cancelRequest</c> is the cancelled call's), ending the script at end of input;
    /// <c>answer JSON</c> replies to that request with JSON as its result.
    /// </summary>
    public static StandInDaemon Write(TemporaryFolder folder, string body, string name = "tr-daemon")
    {
        var state = folder.Folder(name + ".state");
        var path = folder.Script(name, $$"""
            state='{{state}}'
            n=$(( $(cat "$state/started" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$state/started"
            echo "$$" > "$state/pid-$n"
            next() {
                IFS= read -r request || exit 0
                printf '%s\n' "$request" >> "$state/requests-$n"
                id=$(printf '%s' "$request" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
            }
            answer() { printf '{"jsonrpc":"2.0","id":%s,"result":%s}\n' "$id" "$1"; }
            printf '{"jsonrpc":"2.0","method":"ready","params":{"version":"0.1.0","pid":%d,"protocol":1},"status":"ready","pid":%d}\n' "$$" "$$"
            {{body}}
            """);
        return new StandInDaemon(path, state);
    }

    /// <summary>How many processes were started from the script so far.</summary>
    public int Started => File.Exists(System.IO.Path.Combine(state, "started")) ? int.Parse(File.ReadAllText(System.IO.Path.Combine(state, "started")).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>The pid of the <paramref name="instance"/>th process (1 = the first): written before its ready line.</summary>
    public int Pid(int instance) =>
        int.Parse(File.ReadAllText(System.IO.Path.Combine(state, $"pid-{instance}")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The request lines the <paramref name="instance"/>th process read so far (each recorded before it is answered).</summary>
    public IReadOnlyList<string> Requests(int instance)
    {
        var file = System.IO.Path.Combine(state, $"requests-{instance}");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}
