// Placeholder entry point; the recipe replaces it.
internal static class Build
{
    public static int Main() => 0;
}
