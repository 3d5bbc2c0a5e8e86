using System.Runtime.Versioning;
using Prism.Pipeline.Release.Signing;
using Prism.Pipeline.Tests.Engine;

namespace Prism.Pipeline.Tests.Release;

/// <summary>NewSigningKey through the real build: a key pair whose secret half is private from its first byte and never overwritten.</summary>
public sealed class NewSigningKeyTests : IDisposable
{
    private readonly BuildHarness harness = new();
    private readonly TemporaryFolder home = new();

    public void Dispose()
    {
        harness.Dispose();
        home.Dispose();
    }

    private string KeyFolder => Path.Combine(home.Path, "prism-release");

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Makes_a_0600_secret_key_in_a_new_0700_folder_and_its_public_key_beside_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not exist on Windows.");
        var secret = Path.Combine(KeyFolder, "minisign.key");

        var run = harness.Run(new Build(), "Smoke", "NewSigningKey", "--signing-key-file", secret);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyFolder));
        using var key = MinisignSecretKey.Parse(File.ReadAllText(secret), secret);
        Assert.Equal(key.PublicKey, MinisignPublicKey.Parse(File.ReadAllText(Path.Combine(KeyFolder, "minisign.pub")), "minisign.pub"), new PublicKeyComparer());
        Assert.DoesNotContain(File.ReadAllText(secret).Split('\n')[1], run.Output, StringComparison.Ordinal);
        Assert.Equal(["minisign.key", "minisign.pub"], Directory.EnumerateFiles(KeyFolder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_key_and_leaves_it_as_it_was()
    {
        var secret = Path.Combine(KeyFolder, "minisign.key");
        Assert.Equal(0, harness.Run(new Build(), "Smoke", "NewSigningKey", "--signing-key-file", secret).ExitCode);
        var before = File.ReadAllBytes(secret);

        var run = harness.Run(new Build(), "Smoke", "NewSigningKey", "--signing-key-file", secret, "--public-key", Path.Combine(KeyFolder, "other.pub"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{secret} already exists; a key file is never overwritten", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(secret));
        Assert.False(File.Exists(Path.Combine(KeyFolder, "other.pub")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Refuses_a_folder_other_users_may_enter()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not exist on Windows.");
        Directory.CreateDirectory(KeyFolder);
        File.SetUnixFileMode(KeyFolder, (UnixFileMode)0b111_101_101);

        var run = harness.Run(new Build(), "Smoke", "NewSigningKey", "--signing-key-file", Path.Combine(KeyFolder, "minisign.key"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"chmod 700 {KeyFolder}", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(KeyFolder));
    }

    [Fact]
    public void Refuses_a_secret_key_inside_the_repository()
    {
        var run = harness.Run(new Build(), "Smoke", "NewSigningKey", "--signing-key-file", Path.Combine(harness.Root, "keys", "minisign.key"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lies inside the repository", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(harness.Root, "keys")));
    }

    private sealed class PublicKeyComparer : IEqualityComparer<MinisignPublicKey>
    {
        public bool Equals(MinisignPublicKey? x, MinisignPublicKey? y) => x!.KeyId.SequenceEqual(y!.KeyId) && x.Key.SequenceEqual(y.Key);

        public int GetHashCode(MinisignPublicKey obj) => obj.KeyIdText.GetHashCode(StringComparison.Ordinal);
    }
}
