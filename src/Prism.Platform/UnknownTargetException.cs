namespace Prism.Platform;

/// <summary>A runtime identifier or target triple that is not in the fixed table; the message lists the known ones.</summary>
public sealed class UnknownTargetException : ArgumentException
{
    public UnknownTargetException()
    {
    }

    public UnknownTargetException(string message)
        : base(message)
    {
    }

    public UnknownTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A RID outside the table.</summary>
    public static UnknownTargetException UnknownRid(string rid) => new(
        $"Unknown runtime identifier '{rid}'. Known RIDs: {string.Join(", ", TargetTable.KnownRids)}. "
        + "Use one of these (Prism.Platform's TargetTable is the only list).");

    /// <summary>A triple outside the table.</summary>
    public static UnknownTargetException UnknownTriple(string triple) => new(
        $"Unknown target triple '{triple}'. Known triples: {string.Join(", ", TargetTable.KnownTriples)}. "
        + "Use one of these (Prism.Platform's TargetTable is the only list).");

    /// <summary>The universal macOS triple asked for as if it were one runtime.</summary>
    public static UnknownTargetException UniversalHasNoSingleRid() => new(
        $"'{TargetTable.UniversalAppleDarwin}' is not one runtime: it is made with lipo from "
        + $"{string.Join(" + ", TargetTable.UniversalAppleDarwinRids)}. Use TargetTable.RidsForTriple to get both.");

    /// <summary>The running process's OS/architecture combination is not in the table.</summary>
    public static UnknownTargetException UnsupportedProcess(string description) => new(
        $"This process runs on {description}, which has no entry in the RID/triple table. "
        + $"Supported RIDs: {string.Join(", ", TargetTable.KnownRids)}.");
}
