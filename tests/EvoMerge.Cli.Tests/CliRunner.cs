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

    /// <summary>The CLI as its own process: a search's local workers are started from its binaries, which a test host is not.</summary>
    public static Result RunProcess(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "evomerge.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        using var process = System.Diagnostics.Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, output, $"the command did not finish in {limit.TotalMinutes:0} minutes");
        }
        return new Result(process.ExitCode, output, errors.Result);
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection { }
