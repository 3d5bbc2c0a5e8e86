using System.Text.Json;

namespace Prism.Host.Hosting;

/// <summary>The first stdout line of host-api.md: where the host listens and the token its API wants.</summary>
internal sealed record ReadyLine(string Event, string Url, string Token, int Pid, string Version)
{
    /// <summary>Everything but the token, which opens the API: a record's own ToString would print it into any log line.</summary>
    public override string ToString() => $"ReadyLine {{ Event = {Event}, Url = {Url}, Token = <redacted>, Pid = {Pid}, Version = {Version} }}";

    public static ReadyLine For(int port, string token) =>
        new("ready", $"http://127.0.0.1:{port}/", token, Environment.ProcessId, SidecarVersion.Current);

    /// <summary>Writes the line and flushes, so a launcher reading a pipe sees it at once.</summary>
    public async Task WriteToAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(this, ReadyLineJsonContext.Default.ReadyLine);
        await stdout.WriteAsync(bytes, cancellationToken);
        await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }
}
