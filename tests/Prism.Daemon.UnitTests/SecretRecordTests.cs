using Prism.Daemon.Upstream;

namespace Prism.Daemon.UnitTests;

/// <summary>
/// A record's default ToString prints every member: one that holds a secret would print it into any log line or
/// exception message it ever reaches. Nothing logs these today; their ToString keeps it that way.
/// </summary>
public sealed class SecretRecordTests
{
    private const string ProcessId = "3f2a9c1be0d44f7a";
    private const string SmsCode = "1357";

    [Fact]
    public void An_upstream_request_shows_neither_its_path_with_process_id_and_sms_code_nor_its_body()
    {
        // As WebLoginV1 sends the SMS code: in the path, after the process id.
        var request = new UpstreamRequest(HttpMethod.Post, $"/api/v1/auth/web/login/{ProcessId}/{SmsCode}", UpstreamCall.LoginStep, "the SMS code")
        {
            Body = TradeRepublicHttp.Json(new LoginRequest("+491701234567", "4711"), TradeRepublicJsonContext.Default.LoginRequest),
        };

        var text = request.ToString();

        Assert.Contains("the SMS code", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SmsCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain("api/v1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Content", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Trade_republics_answers_show_neither_process_id_nor_account_number_and_the_device_info_not_its_id()
    {
        var deviceId = new string('a', 128);

        string[] texts =
        [
            new LoginStarted(ProcessId, 120).ToString(),
            new AccountInfo("0987654321").ToString(),
            new DeviceInfo(deviceId, "Chrome", "139.0.0.0", "Linux", "6.1", "Europe/Berlin", -60, "1920x1080", ["de"], 4).ToString(),
        ];

        Assert.DoesNotContain(texts, text => text.Contains(ProcessId, StringComparison.Ordinal) || text.Contains("0987654321", StringComparison.Ordinal) || text.Contains(deviceId, StringComparison.Ordinal));
    }
}
