namespace Prism.Daemon.Hosting;

/// <summary>How tr-daemon ends, as its parent sees it (the non-zero ones after sysexits.h where one fits).</summary>
internal static class ExitCodes
{
    /// <summary>stdin ended, <c>shutdown</c> or a signal, and every reply owed was flushed.</summary>
    public const int Done = 0;

    /// <summary>The client is gone: stdout or stdin broke, or stdout took no reply for a while once input had ended.</summary>
    public const int ClientGone = 1;

    /// <summary>Unexpected command-line arguments.</summary>
    public const int Usage = 2;

    /// <summary>A bug in the daemon stopped it (EX_SOFTWARE): logged, after the replies already owed were flushed where it could.</summary>
    public const int InternalError = 70;

    /// <summary>A setting the daemon refuses to run with (EX_CONFIG), named on stderr.</summary>
    public const int Configuration = 78;
}
