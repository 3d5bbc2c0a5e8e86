using System.Net;

namespace Prism.Host.Tests.Bridge;

/// <summary>
/// The host's API token opens its API, so it is the host's alone: the daemon prism starts (and whatever that starts)
/// never inherits <c>PRISM_HOST_TOKEN</c>. A stand-in daemon records the environment it was given.
/// </summary>
public sealed class DaemonEnvironmentTests
{
    [Fact]
    public async Task The_daemon_never_inherits_the_hosts_API_token()
    {
        const string Token = "launcher-chosen-token-0123456789";
        using var folder = new TemporaryFolder();
        var environmentFile = Path.Combine(folder.Path, "daemon-environment");
        // Written before the first answer, so the call's reply says the file is complete.
        var daemon = StandInDaemon.Write(folder, $$"""
            env > '{{environmentFile}}'
            while next; do
                case "$request" in
                    *'"shutdown"'*) answer '{"status":"shutting_down"}'; exit 0 ;;
                    *) answer '{"status":"idle","has_saved_session":false,"version":"0.1.0"}' ;;
                esac
            done
            """);
        await using (var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_HOST_TOKEN"] = Token, ["PRISM_DAEMON_PATH"] = daemon.PathForHost }))
        {
            using var status = await host.SendAsync(HttpMethod.Get, "/api/status");
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        var environment = await File.ReadAllLinesAsync(environmentFile, TestContext.Current.CancellationToken);
        Assert.Contains(environment, line => line.StartsWith("PRISM_DATA_DIR=", StringComparison.Ordinal));
        Assert.DoesNotContain(environment, line => line.StartsWith("PRISM_HOST_TOKEN=", StringComparison.Ordinal) || line.Contains(Token, StringComparison.Ordinal));
    }
}
