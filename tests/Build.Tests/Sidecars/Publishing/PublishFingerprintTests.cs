using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Publishing;

public sealed class PublishFingerprintTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public PublishFingerprintTests()
    {
        foreach (var project in new[] { "App", "Lib", "Other" })
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, "src", project));
        }

        folder.Write("src/App/App.csproj", """<Project><ItemGroup><ProjectReference Include="..\Lib\Lib.csproj" /></ItemGroup></Project>""");
        folder.Write("src/App/Program.cs", "class Program {}");
        folder.Write("src/Lib/Lib.csproj", "<Project />");
        folder.Write("src/Lib/Code.cs", "class Code {}");
        folder.Write("src/Other/Other.cs", "class Other {}");
        folder.Write("Directory.Packages.props", "<Project />");
        folder.Write("src/Shared.props", "<Project />");
    }

    public void Dispose() => folder.Dispose();

    private string Fingerprint(string rid = "linux-x64", PublishMode mode = PublishMode.NativeAot, string sdk = "10.0.401")
    {
        var root = new AbsolutePath(folder.Path);
        var request = new PublishRequest(new Sidecar("app", "src/App/App.csproj", SidecarKind.Daemon), TargetTable.ForRid(rid), mode,
            root / "src" / "App" / "App.csproj", root / "out", []);
        return PublishFingerprint.Compute(request, root, sdk);
    }

    [Fact]
    public void Is_stable_when_nothing_changed() => Assert.Equal(Fingerprint(), Fingerprint());

    [Theory]
    [InlineData("src/App/Program.cs")]
    [InlineData("src/Lib/Code.cs")]
    [InlineData("Directory.Packages.props")]
    [InlineData("src/Shared.props")]
    public void Changes_when_a_source_of_the_project_or_a_referenced_project_or_a_shared_build_file_changes(string file)
    {
        var before = Fingerprint();

        File.AppendAllText(Path.Combine(folder.Path, file), "// edited");

        Assert.NotEqual(before, Fingerprint());
    }

    [Fact]
    public void Ignores_unrelated_projects_and_build_outputs()
    {
        var before = Fingerprint();
        Directory.CreateDirectory(Path.Combine(folder.Path, "src", "App", "obj"));

        folder.Write("src/Other/Other.cs", "class Other { int x; }");
        folder.Write("src/App/obj/project.assets.json", "{}");

        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public void Changes_with_runtime_mode_and_sdk()
    {
        var fingerprints = new[] { Fingerprint(), Fingerprint(rid: "linux-arm64"), Fingerprint(mode: PublishMode.SingleFile), Fingerprint(sdk: "10.0.402") };

        Assert.Equal(4, fingerprints.Distinct().Count());
    }
}
