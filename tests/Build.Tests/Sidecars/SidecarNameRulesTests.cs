using Prism.Pipeline.Sidecars;

namespace Prism.Pipeline.Tests.Sidecars;

public class SidecarNameRulesTests
{
    [Fact]
    public void Plain_name_different_from_the_package_is_fine()
    {
        Assert.Empty(SidecarNameRules.Problems("tr-daemon", "prism-app"));
    }

    [Fact]
    public void Name_with_a_dot_is_rejected_with_a_suggestion()
    {
        var problem = Assert.Single(SidecarNameRules.Problems("tr.daemon", "prism-app"));

        Assert.Equal("sidecar name 'tr.daemon' contains a dot: Tauri's shell plugin resolves such names wrongly (plugins-workspace#2950). "
            + "Rename it without dots, e.g. 'tr-daemon'.", problem);
    }

    [Fact]
    public void Name_equal_to_the_cargo_package_is_rejected()
    {
        var problem = Assert.Single(SidecarNameRules.Problems("prism", "prism"));

        Assert.StartsWith("sidecar name 'prism' equals the Tauri app's Cargo package name", problem, StringComparison.Ordinal);
    }
}
