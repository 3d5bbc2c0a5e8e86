namespace Prism.Pipeline.Release.Signing;

/// <summary>The text shape minisign's key files share: an optional <c>untrusted comment:</c> line, then one base64 line.</summary>
internal static class MinisignKeyFile
{
    /// <summary>The key line's bytes, or null when the text holds no base64 line (the callers name the file and the fix).</summary>
    public static byte[]? KeyBytes(string text)
    {
        var line = text.Split('\n').Select(part => part.Trim()).FirstOrDefault(part => part.Length > 0 && !part.StartsWith("untrusted comment:", StringComparison.Ordinal));
        try
        {
            return Convert.FromBase64String(line ?? "");
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
