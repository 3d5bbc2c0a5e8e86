using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Prism.Pipeline.Tests.Workflows;

/// <summary>The release part of the CI workflow: pinned actions, the signing key's way in, the checks and the attestation.</summary>
public sealed partial class WorkflowReleaseTests
{
    private static readonly string WorkflowPath = Path.Combine(RepositoryPaths.Root, ".github", "workflows", "ci.yml");

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment()
    {
        var uses = File.ReadAllLines(WorkflowPath).Where(line => line.TrimStart().TrimStart('-').TrimStart().StartsWith("uses:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(PinnedUse(), line));
    }

    [Fact]
    public void The_gather_job_hands_pack_the_signing_secret_and_requires_a_signature_on_version_tags()
    {
        var pack = Steps("gather").Single(step => Scalar(step, "run")?.Contains(" Pack ", StringComparison.Ordinal) == true);
        var environment = (YamlMappingNode)pack["env"];

        Assert.Equal("${{ secrets.PRISM_SIGNING_KEY }}", Scalar(environment, "PRISM_SIGNING_KEY"));
        Assert.Equal("${{ startsWith(github.ref, 'refs/tags/v') }}", Scalar(environment, "PRISM_REQUIRE_SIGNATURE"));
    }

    [Fact]
    public void The_release_job_verifies_the_release_then_attests_sha256sums_with_only_the_permissions_it_needs()
    {
        var job = Job("release");
        var permissions = ((YamlMappingNode)job["permissions"]).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
        var steps = Steps("release");
        var verify = steps.FindIndex(step => Scalar(step, "run")?.StartsWith("./build.sh VerifyRelease --release-dir release --public-key minisign.pub", StringComparison.Ordinal) == true);
        var attest = steps.FindIndex(step => Scalar(step, "uses")?.StartsWith("actions/attest-build-provenance@", StringComparison.Ordinal) == true);
        var publish = steps.FindIndex(step => Scalar(step, "run")?.StartsWith("gh release create", StringComparison.Ordinal) == true);

        Assert.Equal(new Dictionary<string, string> { ["contents"] = "write", ["id-token"] = "write", ["attestations"] = "write" }, permissions);
        Assert.True(verify >= 0 && verify < attest && attest < publish, $"verify {verify}, attest {attest}, publish {publish}: expected in that order");
        Assert.Equal("release/SHA256SUMS", Scalar((YamlMappingNode)steps[attest]["with"], "subject-checksums"));
    }

    private static YamlMappingNode Job(string name)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(WorkflowPath))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])[name];
    }

    private static List<YamlMappingNode> Steps(string job) => [.. ((YamlSequenceNode)Job(job)["steps"]).Children.Cast<YamlMappingNode>()];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>owner/name@ and 40 hex digits, then "# v" and a version.</summary>
    [GeneratedRegex(@"uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")]
    private static partial Regex PinnedUse();
}
