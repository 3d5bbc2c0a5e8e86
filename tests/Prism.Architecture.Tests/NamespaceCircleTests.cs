using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.xUnitV3;

namespace Prism.Architecture.Tests;

/// <summary>
/// No namespace uses, through any chain, a namespace that uses it: each folder is a layer. The root namespaces (the
/// sidecars' <c>Program</c> and <c>SessionComposition</c>, the build's <c>Build</c> partials) compose everything and
/// are left out.
/// </summary>
public sealed class NamespaceCircleTests
{
    [Theory]
    [InlineData("Prism.Daemon.(**)")]
    [InlineData("Prism.Host.(**)")]
    public void The_sidecars_namespaces_form_no_circle(string slices) =>
        SliceRuleDefinition.Slices().Matching(slices).Should().BeFreeOfCycles().Check(Products.Architecture);

    /// <summary>
    /// In build/ a slice is a target family: a folder right under build/ with the folders below it (Engine/Output,
    /// Tauri/Formats, Sidecars/Publishing …); the rules between Sidecars' parts are tests of their own. ArchUnitNET
    /// 0.13's <c>(*)</c> takes every segment after it, so the families are assigned here.
    /// </summary>
    [Fact]
    public void The_build_families_form_no_circle()
    {
        var families = new SliceRuleCreator();
        families.SetSliceAssignment(new SliceAssignment(FamilyOf, "of build families (a folder right under build/ with those below it)"));
        new GivenSlices(families).Should().BeFreeOfCycles().Check(Products.Architecture);
    }

    private static SliceIdentifier FamilyOf(IType type)
    {
        const string Root = "Prism.Pipeline.";
        var name = type.Namespace.FullName;
        return name.StartsWith(Root, StringComparison.Ordinal)
            ? SliceIdentifier.Of(name[Root.Length..].Split('.')[0])
            : SliceIdentifier.Ignore();
    }
}
