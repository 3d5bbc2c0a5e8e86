namespace Prism.Pipeline.Tauri;

/// <summary>One place where a config breaks Tauri's schema: a JSON pointer into the config and what is wrong there.</summary>
public sealed record SchemaViolation(string Location, string Message)
{
    public override string ToString() => $"{(Location.Length == 0 ? "/" : Location)}: {Message}";
}
