using System.Text;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release.Signing;

namespace Prism.Pipeline.Tests.Release;

/// <summary>Keys and signatures in minisign's format, checked both ways against Debian's minisign.</summary>
public sealed class MinisignFormatTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_signature_made_here_is_accepted_by_minisign()
    {
        Assert.SkipWhen(DebianMinisign.Path is null, DebianMinisign.Missing);
        using var key = MinisignSecretKey.Create();
        var content = Encoding.UTF8.GetBytes("0123  prism-sidecars.tar.gz\n");
        folder.WriteBytes("SHA256SUMS", content);
        folder.Write("key.pub", key.PublicKey.ToFileText());
        folder.Write("SHA256SUMS.minisig", MinisignSignature.Sign(key, content, "SHA256SUMS", 1_700_000_000));

        var (exitCode, output) = DebianMinisign.Run(folder.Path, "-Vm", "SHA256SUMS", "-p", "key.pub");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Signature and comment signature verified", output, StringComparison.Ordinal);
        Assert.Contains("Trusted comment: timestamp:1700000000\tfile:SHA256SUMS\thashed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Minisign_refuses_the_signature_of_a_changed_file()
    {
        Assert.SkipWhen(DebianMinisign.Path is null, DebianMinisign.Missing);
        using var key = MinisignSecretKey.Create();
        folder.Write("key.pub", key.PublicKey.ToFileText());
        folder.Write("SHA256SUMS.minisig", MinisignSignature.Sign(key, "original\n"u8, "SHA256SUMS", 1_700_000_000));
        folder.Write("SHA256SUMS", "changed\n");

        var (exitCode, output) = DebianMinisign.Run(folder.Path, "-Vm", "SHA256SUMS", "-p", "key.pub");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Signature verification failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_key_written_here_signs_with_minisign_and_the_signature_verifies_here()
    {
        Assert.SkipWhen(DebianMinisign.Path is null, DebianMinisign.Missing);
        using var key = MinisignSecretKey.Create();
        folder.Write("minisign.key", key.ToFileText());
        folder.Write("file", "signed by minisign\n");

        var (exitCode, output) = DebianMinisign.Run(folder.Path, "-S", "-W", "-s", "minisign.key", "-m", "file");

        Assert.True(exitCode == 0, output);
        Assert.Null(MinisignSignature.Problem(key.PublicKey, File.ReadAllBytes(Path.Combine(folder.Path, "file")), File.ReadAllText(Path.Combine(folder.Path, "file.minisig"))));
    }

    [Fact]
    public void A_key_pair_made_by_minisign_is_read_here_and_its_signatures_verify_with_its_public_key()
    {
        Assert.SkipWhen(DebianMinisign.Path is null, DebianMinisign.Missing);
        var (exitCode, output) = DebianMinisign.Run(folder.Path, "-G", "-W", "-p", "minisign.pub", "-s", "minisign.key");
        Assert.True(exitCode == 0, output);

        using var key = MinisignSecretKey.Parse(File.ReadAllText(Path.Combine(folder.Path, "minisign.key")), "minisign.key");
        folder.WriteBytes("file", "content\n"u8.ToArray());
        folder.Write("file.minisig", MinisignSignature.Sign(key, "content\n"u8, "file", 1));

        Assert.Equal(File.ReadAllText(Path.Combine(folder.Path, "minisign.pub")).Split('\n')[1], key.PublicKey.ToFileText().Split('\n')[1]);
        var verified = DebianMinisign.Run(folder.Path, "-Vm", "file", "-p", "minisign.pub");
        Assert.True(verified.ExitCode == 0, verified.Output);
    }

    [Fact]
    public void A_signature_by_another_key_names_both_key_ids()
    {
        using var signer = MinisignSecretKey.Create();
        using var other = MinisignSecretKey.Create();
        var signature = MinisignSignature.Sign(signer, "sums"u8, "SHA256SUMS", 1);

        var problem = MinisignSignature.Problem(other.PublicKey, "sums"u8, signature);

        Assert.Equal($"it was made with key {signer.PublicKey.KeyIdText}, not with the public key given ({other.PublicKey.KeyIdText})", problem);
    }

    [Fact]
    public void A_changed_trusted_comment_fails_the_global_signature()
    {
        using var key = MinisignSecretKey.Create();
        var signature = MinisignSignature.Sign(key, "sums"u8, "SHA256SUMS", 1).Replace("timestamp:1", "timestamp:2", StringComparison.Ordinal);

        Assert.Equal("the trusted comment was changed after signing (its global signature does not match)", MinisignSignature.Problem(key.PublicKey, "sums"u8, signature));
    }

    [Fact]
    public void A_password_protected_key_is_refused_with_the_command_that_removes_the_password_and_without_quoting_it()
    {
        using var key = MinisignSecretKey.Create();
        var lines = key.ToFileText().Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);
        bytes[2] = (byte)'S';
        bytes[3] = (byte)'c';
        var encrypted = Convert.ToBase64String(bytes);

        var error = Assert.Throws<BuildException>(() => MinisignSecretKey.Parse($"{lines[0]}\n{encrypted}\n", "The environment variable PRISM_SIGNING_KEY"));

        Assert.Contains("password-protected", error.Message, StringComparison.Ordinal);
        Assert.Contains("minisign -C -s COPY -W", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(encrypted[..20], error.Message, StringComparison.Ordinal);
    }
}
