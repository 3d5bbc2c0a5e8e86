namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>OS and library versions as the floors compare and print them: a missing third part counts as 0
/// (<see cref="Version"/> itself orders 2.35 before 2.35.0), and a zero third part is not printed.</summary>
internal static class VersionNumbers
{
    /// <summary>Whether <paramref name="needed"/> is newer than <paramref name="floor"/>.</summary>
    public static bool IsNewer(Version needed, Version floor) => WithPatch(needed) > WithPatch(floor);

    /// <summary>"12.0", "2.34", or "10.13.4" and "2.2.5" when there is a third part.</summary>
    public static string Short(Version version) => version.Build > 0 ? version.ToString(3) : version.ToString(2);

    private static Version WithPatch(Version version) => new(version.Major, version.Minor, Math.Max(version.Build, 0));
}
