using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Runs a program with its output captured (bounded), stdin closed and a timeout. On Unix it runs in a process
/// group of its own, which is killed as a whole when the program ends, times out or is cancelled: a background
/// child it left cannot survive the evaluation, nor hold the run up by keeping the output pipes open.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait, once the program is gone, for its output pipes to deliver their last lines.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    /// <param name="argv">The program and its arguments.</param>
    /// <exception cref="FatalEvaluationException">The program cannot be started at all.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the processes are killed first).</exception>
    public static ProcessOutcome Run(
        IReadOnlyList<string> argv, string? workingDirectory, IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout, int capturedChars, CancellationToken ct)
    {
        var stdout = new CapturedOutput(capturedChars);
        var stderr = new CapturedOutput(capturedChars);
        var setsid = ProcessGroup.Setsid;
        using var process = new Process
        {
            StartInfo = StartInfo(setsid is null ? argv : [setsid, .. argv], workingDirectory, environment),
            EnableRaisingEvents = true,
        };
        using var exited = new ManualResetEventSlim();
        process.Exited += (_, _) => exited.Set();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Append(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new FatalEvaluationException($"cannot start {argv[0]} to run the evaluation command ({e.Message}).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        // Waits for the program itself, not for the pipes: a background child may hold those open for ever.
        bool finished = WaitHandle.WaitAny([exited.WaitHandle, ct.WaitHandle], timeout) == 0;
        KillEverything(process, setsid is not null);
        Drain(process);
        ct.ThrowIfCancellationRequested();
        return finished ? new ProcessOutcome(process.ExitCode, false, stdout, stderr) : new ProcessOutcome(-1, true, stdout, stderr);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> argv, string? workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(argv[0])
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
        foreach (var argument in argv.Skip(1))
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

    private static void KillEverything(Process process, bool ownGroup)
    {
        if (ownGroup)
        {
            ProcessGroup.KillAll(process.Id);
        }

        try
        {
            // Also reaches descendants that left the group, as long as they are still in the tree.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    private static void Drain(Process process)
    {
        using var grace = new CancellationTokenSource(DrainGrace);
        try
        {
            process.WaitForExitAsync(grace.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // A process that escaped the group still holds a pipe; what arrived so far is all we read.
        }
    }
}
