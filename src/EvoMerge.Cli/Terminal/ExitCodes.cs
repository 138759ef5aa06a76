namespace EvoMerge.Cli.Terminal;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Something failed while running (I/O error, numerical failure).</summary>
    public const int Failure = 1;
    /// <summary>The request itself is wrong (config, arguments, input files); nothing was written.</summary>
    public const int InvalidInput = 2;
    /// <summary>Stopped by Ctrl-C (128 + SIGINT); the work so far is saved and can be resumed.</summary>
    public const int Interrupted = 130;
}
