using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Runs a command line through the shell with its output captured (bounded), stdin closed and a timeout; on
/// timeout or cancellation the whole process tree is killed before returning.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait for a killed tree to go and its pipes to close.</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    /// <exception cref="FatalEvaluationException">The shell cannot be started at all.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the process tree is killed first).</exception>
    public static ProcessOutcome Run(
        string command, string? workingDirectory, IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout, int capturedChars, CancellationToken ct)
    {
        var stdout = new CapturedOutput(capturedChars);
        var stderr = new CapturedOutput(capturedChars);
        using var process = new Process { StartInfo = StartInfo(command, workingDirectory, environment) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Append(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FatalEvaluationException($"cannot start {Shell.Program} to run the evaluation command ({e.Message}).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var timer = new CancellationTokenSource(timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            // Also waits until the output pipes close, so every line has been captured.
            process.WaitForExitAsync(either.Token).GetAwaiter().GetResult();
            return new ProcessOutcome(process.ExitCode, false, stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            ct.ThrowIfCancellationRequested();
            return new ProcessOutcome(-1, true, stdout, stderr);
        }
    }

    private static ProcessStartInfo StartInfo(string command, string? workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(Shell.Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in Shell.Arguments(command))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }

        process.WaitForExit(KillGrace);
    }
}
