namespace Prism.Host.Bridge;

/// <summary>How the bridge runs tr-daemon: its data folder, and the waits of its lifecycle.</summary>
/// <param name="DataDirectory">Handed to the daemon as <c>PRISM_DATA_DIR</c>; null keeps the daemon's default.</param>
/// <param name="ReadyTimeout">How long a started daemon may take to print its ready line (a JIT build on a busy 2-core machine needs seconds).</param>
/// <param name="ShutdownGrace">How long the daemon may take to answer <c>shutdown</c> and exit before it (and every process it started) is killed.</param>
/// <param name="CancelAnswerLimit">
/// How long the daemon may take, once a call was cancelled (its time limit ran out, or its caller left), to answer it:
/// StreamJsonRpc's <c>$/cancelRequest</c> asks for that answer, and a daemon that owes it longer is hung and is killed.
/// </param>
/// <param name="FirstRestartDelay">The wait before restarting after one failure; doubled per further failure in a row.</param>
/// <param name="MaxRestartDelay">The longest wait between restarts.</param>
/// <param name="RestoreTimeout">How long restoring the session on a daemon that replaced a dead one may take (calls wait for it).</param>
internal sealed record BridgeOptions(
    string? DataDirectory,
    TimeSpan ReadyTimeout,
    TimeSpan ShutdownGrace,
    TimeSpan CancelAnswerLimit,
    TimeSpan FirstRestartDelay,
    TimeSpan MaxRestartDelay,
    TimeSpan RestoreTimeout)
{
    public const string DataDirectoryVariable = "PRISM_DATA_DIR";

    /// <summary>The host's own environment variables the daemon must not inherit (the host's API token): the bridge
    /// knows their names only from here, so it depends on nothing of the host's hosting.</summary>
    public IReadOnlyList<string> WithheldVariables { get; init; } = [];

    public static BridgeOptions For(string? dataDirectory) => new(
        dataDirectory,
        ReadyTimeout: TimeSpan.FromSeconds(20),
        ShutdownGrace: TimeSpan.FromSeconds(3),
        // A cancelled call ends at the daemon's next await; seconds allow for an emulated daemon on a busy machine.
        CancelAnswerLimit: TimeSpan.FromSeconds(10),
        FirstRestartDelay: TimeSpan.FromMilliseconds(250),
        MaxRestartDelay: TimeSpan.FromSeconds(5),
        RestoreTimeout: TimeSpan.FromSeconds(30));

    /// <summary>The wait before the next start after <paramref name="failuresInARow"/> failures: none, then 250 ms, 500 ms, 1 s … up to the maximum.</summary>
    public TimeSpan RestartDelay(int failuresInARow) =>
        failuresInARow <= 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min(MaxRestartDelay.Ticks, FirstRestartDelay.Ticks << Math.Min(failuresInARow - 1, 20)));
}
