using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Assembly = System.Reflection.Assembly;

namespace Prism.Architecture.Tests;

/// <summary>
/// The compiled products ARCHITECTURE.md's rules are about, read once (Mono.Cecil, through ArchUnitNET): the two
/// libraries, the two sidecars and the build — the assemblies this project references, as the build compiled them.
/// </summary>
internal static class Products
{
    public static readonly Assembly Platform = Assembly.Load("Prism.Platform");
    public static readonly Assembly Protocol = Assembly.Load("Prism.Protocol");
    public static readonly Assembly Daemon = Assembly.Load("tr-daemon");
    public static readonly Assembly Host = Assembly.Load("prism");
    public static readonly Assembly Build = Assembly.Load("_build");

    /// <summary>The namespace of the files both sidecars compile in (src/Sidecar*.cs): each has its own copy, so one never references the other through it.</summary>
    public const string SharedNamespace = "Prism";

    /// <summary>Everything under src/.</summary>
    public static readonly Assembly[] Source = [Platform, Protocol, Daemon, Host];

    public static readonly ArchUnitNET.Domain.Architecture Architecture =
        new ArchLoader().LoadAssemblies([.. Source, Build]).Build();
}
