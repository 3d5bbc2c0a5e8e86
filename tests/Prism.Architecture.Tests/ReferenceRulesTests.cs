using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.xUnitV3;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Prism.Architecture.Tests;

/// <summary>ARCHITECTURE.md's "Reference rules", one test each, on the compiled assemblies.</summary>
public sealed class ReferenceRulesTests
{
    [Fact]
    public void Platform_depends_on_nothing_of_ours() =>
        Check(TypesOf(Products.Platform).Should().NotDependOnAnyTypesThat().ResideInAssembly(Products.Protocol, Products.Daemon, Products.Host, Products.Build));

    [Fact]
    public void Protocol_depends_on_nothing_of_ours() =>
        Check(TypesOf(Products.Protocol).Should().NotDependOnAnyTypesThat().ResideInAssembly(Products.Platform, Products.Daemon, Products.Host, Products.Build));

    [Fact]
    public void The_host_never_references_the_daemon() =>
        Check(TypesOf(Products.Host).Should().NotDependOnAny(Types().That().ResideInAssembly(Products.Daemon).And().DoNotResideInNamespace(Products.SharedNamespace)));

    [Fact]
    public void The_daemon_never_references_the_host() =>
        Check(TypesOf(Products.Daemon).Should().NotDependOnAny(Types().That().ResideInAssembly(Products.Host).And().DoNotResideInNamespace(Products.SharedNamespace)));

    [Fact]
    public void The_build_never_references_the_sidecars() =>
        Check(TypesOf(Products.Build).Should().NotDependOnAnyTypesThat().ResideInAssembly(Products.Daemon, Products.Host));

    [Fact]
    public void Nothing_in_src_knows_the_build() =>
        Check(Types().That().ResideInAssembly(Products.Platform, Products.Protocol, Products.Daemon, Products.Host)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(Products.Build));

    [Fact]
    public void Engine_references_nothing_else_in_build() =>
        Check(InBuild("Engine").Should().NotDependOnAny(TypesOf(Products.Build).And().DoNotResideInNamespaceMatching(Below("Engine"))));

    [Fact]
    public void Tools_references_only_Engine() =>
        Check(InBuild("Tools").Should().NotDependOnAny(TypesOf(Products.Build)
            .And().DoNotResideInNamespaceMatching(Below("Tools")).And().DoNotResideInNamespaceMatching(Below("Engine"))));

    /// <summary>
    /// "Tauri, Emulation, Release, LockFiles and Reproducibility take their file I/O from Tools, never from Sidecars/":
    /// from Sidecars/ they take only its data — the sidecars and their name rules, the publish modes, the staged record
    /// and which AOT publishes this machine can make — so any other Sidecars type (a stager, a publisher, a helper that
    /// reads or writes files) fails here.
    /// </summary>
    [Fact]
    public void Tauri_Emulation_Release_LockFiles_and_Reproducibility_take_only_data_from_Sidecars() =>
        Check(TypesOf(Products.Build).And().ResideInNamespaceMatching(@"^Prism\.Pipeline\.(Tauri|Emulation|Release|LockFiles|Reproducibility)(\..+)?$")
            .Should().NotDependOnAny(TypesOf(Products.Build).And().ResideInNamespaceMatching(Below("Sidecars"))
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Sidecar")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.SidecarKind")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.SidecarNameRules")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Publishing.PublishMode")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Publishing.PublishModeNames")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Publishing.AotToolchain")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Staging.StagedBinary")
                .And().DoNotHaveFullName("Prism.Pipeline.Sidecars.Staging.StagedMode")));

    [Fact]
    public void Publishing_references_neither_Staging_nor_Inspection() =>
        Check(InBuild("Sidecars.Publishing").Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Below("Sidecars.Staging"))
            .OrShould().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Below("Sidecars.Inspection")));

    [Fact]
    public void Nothing_but_the_build_partials_reads_Toolchain() =>
        Check(TypesOf(Products.Build).And().DoNotResideInNamespaceMatching(Below("Toolchain")).And().DoNotResideInNamespace(string.Empty)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(Below("Toolchain")));

    [Fact]
    public void Bundles_take_from_Tauri_only_the_Linux_package_dependency() =>
        Check(InBuild("Bundles").Should().NotDependOnAny(TypesOf(Products.Build).And().ResideInNamespaceMatching(Below("Tauri"))
            .And().DoNotHaveFullName("Prism.Pipeline.Tauri.LinuxPackageDependency")));

    [Fact]
    public void Portfolio_never_uses_Session() =>
        Check(InDaemon("Portfolio").Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(DaemonBelow("Session")));

    [Fact]
    public void Session_uses_Portfolio_only_for_its_PortfolioReader() =>
        Check(InDaemon("Session").Should().NotDependOnAny(TypesOf(Products.Daemon).And().ResideInNamespaceMatching(DaemonBelow("Portfolio"))
            .And().DoNotHaveFullName("Prism.Daemon.Portfolio.PortfolioReader")));

    [Fact]
    public void Upstream_uses_nothing_of_the_daemon_but_Storage_and_Json() =>
        Check(InDaemon("Upstream").Should().NotDependOnAny(TypesOf(Products.Daemon)
            .And().DoNotResideInNamespaceMatching(DaemonBelow("Upstream"))
            .And().DoNotResideInNamespaceMatching(DaemonBelow("Storage"))
            .And().DoNotResideInNamespaceMatching(DaemonBelow("Json"))
            .And().DoNotResideInNamespace(Products.SharedNamespace)));

    [Fact]
    public void Storage_uses_nothing_else_of_the_daemon() =>
        Check(InDaemon("Storage").Should().NotDependOnAny(TypesOf(Products.Daemon)
            .And().DoNotResideInNamespaceMatching(DaemonBelow("Storage")).And().DoNotResideInNamespace(Products.SharedNamespace)));

    [Fact]
    public void Transport_never_uses_Rpc() =>
        Check(InDaemon("Transport").Should().NotDependOnAny(TypesOf(Products.Daemon).And().ResideInNamespaceMatching(DaemonBelow("Rpc"))));

    [Theory]
    [InlineData("Bridge")]
    [InlineData("Hosting")]
    public void The_hosts_bridge_and_hosting_use_nothing_else_of_the_host(string folder) =>
        Check(TypesOf(Products.Host).And().ResideInNamespaceMatching(HostBelow(folder)).Should().NotDependOnAny(TypesOf(Products.Host)
            .And().DoNotResideInNamespaceMatching(HostBelow(folder)).And().DoNotResideInNamespace(Products.SharedNamespace)));

    private static GivenTypesConjunction TypesOf(Assembly assembly) => Types().That().ResideInAssembly(assembly);

    private static GivenTypesConjunction InBuild(string family) => TypesOf(Products.Build).And().ResideInNamespaceMatching(Below(family));

    private static GivenTypesConjunction InDaemon(string folder) => TypesOf(Products.Daemon).And().ResideInNamespaceMatching(DaemonBelow(folder));

    /// <summary>A build folder's namespace and those below it, as a pattern.</summary>
    private static string Below(string family) => $@"^Prism\.Pipeline\.{family.Replace(".", @"\.", StringComparison.Ordinal)}(\..+)?$";

    private static string DaemonBelow(string folder) => $@"^Prism\.Daemon\.{folder}(\..+)?$";

    private static string HostBelow(string folder) => $@"^Prism\.Host\.{folder}(\..+)?$";

    private static void Check(IArchRule rule) => rule.Check(Products.Architecture);
}
