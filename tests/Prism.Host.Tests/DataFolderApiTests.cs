using System.Net;
using System.Runtime.Versioning;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// A data folder the daemon refuses (others may write into it) reaches a client as host-api.md says: HTTP 500 with
/// DATA_FOLDER_UNUSABLE (1012) and the daemon's message, which names the folder and the fix; status still answers,
/// and Trade Republic hears nothing of the login.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderApiTests
{
    [Fact]
    public async Task A_login_into_a_folder_others_may_write_is_500_DATA_FOLDER_UNUSABLE_naming_the_folder_and_the_fix()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "A folder open to others is made with Unix modes here; the daemon suite checks Windows ACLs.");
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        File.SetUnixFileMode(rig.Host.DataFolder, (UnixFileMode)0b111_111_111);

        var error = (await rig.PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.InternalServerError)).GetProperty("error");

        Assert.Equal(1012, error.GetProperty("code").GetInt32());
        Assert.Equal("DATA_FOLDER_UNUSABLE", error.GetProperty("name").GetString());
        Assert.Contains($"The data folder {rig.Host.DataFolder} may be written by other users (mode 777)", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"chmod 700 {rig.Host.DataFolder}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("idle", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(0, rig.Server.LoginRequests);
    }
}
