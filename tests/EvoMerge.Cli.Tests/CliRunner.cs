namespace EvoMerge.Cli.Tests;

/// <summary>
/// Runs the command line in-process with captured output. Console and current directory are
/// process-wide, so every test using this runs in the one "console" collection (not in parallel).
/// </summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    /// <summary>Asserts that standard error holds <paramref name="expected"/>, showing all of it when not.</summary>
    public static void AssertErr(Result result, string expected) =>
        Assert.True(result.Err.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in the error output:\n{result.Err}");

    public static Result Run(string workingDirectory, params string[] args)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var (oldOut, oldErr, oldDir) = (Console.Out, Console.Error, Environment.CurrentDirectory);
        try
        {
            Console.SetOut(outWriter);
            Console.SetError(errWriter);
            Environment.CurrentDirectory = workingDirectory;
            int code = Program.Main(args);
            return new Result(code, outWriter.ToString(), errWriter.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            Environment.CurrentDirectory = oldDir;
        }
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection { }
