namespace Prism.Daemon.Tests.Support;

/// <summary>Per-test limits: a hung daemon fails its test instead of hanging the run.</summary>
internal static class TestTimeouts
{
    public const int Default = 120_000;

    /// <summary>For tests that push thousands of lines through one daemon.</summary>
    public const int Long = 300_000;
}
