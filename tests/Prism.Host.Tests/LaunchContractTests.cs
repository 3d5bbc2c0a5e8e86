using System.Text.RegularExpressions;

namespace Prism.Host.Tests;

/// <summary>host-api.md's launch contract, checked on the real process.</summary>
public sealed class LaunchContractTests
{
    [Fact]
    public async Task First_stdout_line_is_the_ready_json_with_loopback_url_token_pid_and_version()
    {
        await using var host = await HostProcess.StartAsync();

        var ready = host.ReadyLine;

        Assert.Equal(["event", "url", "token", "pid", "version"], ready.EnumerateObject().Select(member => member.Name));
        Assert.Equal("ready", ready.GetProperty("event").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:[1-9][0-9]*/$", ready.GetProperty("url").GetString());
        Assert.Equal(host.Process.Id, ready.GetProperty("pid").GetInt32());
        Assert.Matches(@"^\d+\.\d+\.\d+", ready.GetProperty("version").GetString());
        // 128 bits at least: 22 base64url characters.
        Assert.Matches("^[A-Za-z0-9_-]{22,}$", host.Token);
        Assert.DoesNotContain(host.Token, await host.LogAfterExitAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_option_binds_that_port_on_127_0_0_1()
    {
        var port = UnusedPortOutsideTheEphemeralRange();

        await using var host = await HostProcess.StartAsync(arguments: ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), host.Url);
        using var response = await host.SendAsync(HttpMethod.Get, "/api/status");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Port_already_in_use_fails_with_exit_code_1_and_says_how_to_fix_it()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((System.Net.IPEndPoint)occupant.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("--port", port);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains($"Cannot listen on 127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.Contains("or 0 for any free port", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_given_by_the_launcher_is_the_one_announced_and_required()
    {
        const string Chosen = "launcher-chosen-token-0123456789";
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_HOST_TOKEN"] = Chosen });

        using var withToken = await host.SendAsync(HttpMethod.Get, "/api/status", token: Chosen);
        // As long and as well-formed as the chosen one, so only its value can tell them apart.
        using var withAnother = await host.SendAsync(HttpMethod.Get, "/api/status", token: "another-valid-token-0123456789ab");

        Assert.Equal(Chosen, host.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(
            $$"""{"status":"idle","has_saved_session":false,"version":"{{ReleaseVersion.Value}}"}""",
            await withToken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, withAnother.StatusCode);
        Assert.Empty(await withAnother.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("only-31-characters-0123456789ab", "31 characters long")]
    [InlineData("a-long-enough-token-0123456789 with-a-space", OutsideBase64Url)]
    [InlineData("a-long-enough-token-0123456789\twith-a-tab", OutsideBase64Url)]
    [InlineData("a-long-enough-token-0123456789-and-a-newline\n", OutsideBase64Url)]
    [InlineData("a-long-enough-token-0123456789-mit-Umlaut-\u00e4", OutsideBase64Url)]
    [InlineData("a-long-enough-token-in-base64+with/slash=", OutsideBase64Url)]
    public async Task A_launcher_token_too_short_or_with_characters_outside_base64url_stops_the_host_before_it_listens(string token, string expectedProblem)
    {
        using var data = new TemporaryFolder();

        var (exitCode, stdout, stderr) = await HostProcess.RunAsync(new Dictionary<string, string?> { ["PRISM_HOST_TOKEN"] = token }, "--data-dir", data.Path);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("PRISM_HOST_TOKEN", stderr, StringComparison.Ordinal);
        Assert.Contains(expectedProblem, stderr, StringComparison.Ordinal);
        Assert.Contains("at least 32 characters", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Trim(), stderr, StringComparison.Ordinal);
    }

    private const string OutsideBase64Url = "contains characters other than letters, digits, '-' and '_'";

    [Fact]
    public async Task Each_launch_gets_its_own_random_token()
    {
        await using var first = await HostProcess.StartAsync();
        await using var second = await HostProcess.StartAsync();

        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.Url, second.Url);
    }

    [Fact]
    public async Task Version_prints_the_release_version_and_exits_0()
    {
        var (exitCode, stdout, _) = await HostProcess.RunAsync("--version");

        Assert.Equal(0, exitCode);
        Assert.Equal($"prism {ReleaseVersion.Value}{Environment.NewLine}", stdout);
    }

    [Fact]
    public async Task Help_describes_the_options_and_exits_0()
    {
        var (exitCode, stdout, _) = await HostProcess.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--port N", stdout, StringComparison.Ordinal);
        Assert.Contains("--data-dir DIR", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "http", "--port 'http' is not a port number")]
    [InlineData("--port", "70000", "--port '70000' is not a port number")]
    [InlineData("--listen", "x", "unknown argument '--listen'")]
    public async Task Bad_arguments_are_refused_on_stderr_with_exit_code_2(string name, string value, string expectedProblem)
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync(name, value);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Contains(expectedProblem, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_stdin_stops_the_host_and_its_daemon_with_exit_code_0()
    {
        await using var host = await HostProcess.StartAsync();
        using var status = await host.SendAsync(HttpMethod.Get, "/api/status");
        var daemonPid = await host.DaemonPidAsync();

        // Closes stdin, waits for the exit and for the whole log.
        var log = await host.LogAfterExitAsync();

        Assert.Equal(0, host.Process.ExitCode);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemonPid, ProcessProbe.ExitPatience), $"tr-daemon outlived the host by {ProcessProbe.ExitPatience.TotalSeconds} s");
        Assert.Matches(new Regex(@"tr-daemon \(pid \d+\) shut down with exit code 0"), log);
    }

    [Fact]
    public async Task Stdin_closed_from_the_start_still_gives_the_ready_line_then_exit_code_0()
    {
        using var data = new TemporaryFolder();

        var (exitCode, stdout, _) = await HostProcess.RunAsync("--data-dir", data.Path);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("""{"event":"ready","url":"http://127.0.0.1:""", stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// A loopback port free now and below the range the system hands out for port 0 and for outgoing connections
    /// (Linux: ip_local_port_range; Windows and macOS: 49152 and up). A port from that range, released, may be taken
    /// by any connection before the host binds it; every other listener of the suite asks for port 0, so none of
    /// them takes this one.
    /// </summary>
    private static int UnusedPortOutsideTheEphemeralRange()
    {
        var ephemeralStart = 49152;
        if (OperatingSystem.IsLinux() && File.Exists("/proc/sys/net/ipv4/ip_local_port_range"))
        {
            ephemeralStart = Math.Min(ephemeralStart, int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture));
        }

        // Above the well-known ports other services of the machine are set up on.
        var lowest = Math.Min(10_000, ephemeralStart / 2);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(lowest, ephemeralStart);
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken by something of this machine; try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {lowest} and {ephemeralStart} in 100 tries.");
    }

    [Fact]
    public async Task Sigterm_stops_the_host_with_exit_code_0()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal.");
        await using var host = await HostProcess.StartAsync();

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", host.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await host.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(HostProcess.StartTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(0, host.Process.ExitCode);
    }
}
