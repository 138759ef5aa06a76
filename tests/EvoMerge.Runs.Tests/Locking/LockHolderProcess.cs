using System.Diagnostics;

namespace EvoMerge.Runs.Tests;

/// <summary>
/// A separate process holding flock(LOCK_EX) on a file, the same kernel lock <c>RunLock</c> takes:
/// bash opens the file on descriptor 9, util-linux flock locks that descriptor, bash writes an owner
/// record as a RunLock holder would, then execs sleep (same PID, descriptor kept). Killing it with
/// SIGKILL is the crash under test.
/// </summary>
internal sealed class LockHolderProcess : IDisposable
{
    private const string Script = """
        exec 9>>"$1" || exit 2
        flock -x -n 9 || exit 3
        printf '{"pid":%d,"host":"child-host","sinceUtc":"2024-05-06T07:08:09.0000000+00:00"}\n' $$ > "$2"
        echo locked
        exec sleep 60
        """;

    private readonly Process _process;

    public LockHolderProcess(string lockPath, string ownerPath)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-c", Script, "lock-holder", lockPath, ownerPath })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        string? line = _process.StandardOutput.ReadLine();
        if (line != "locked")
        {
            _process.WaitForExit(5000);
            throw new InvalidOperationException($"The lock holder did not take the lock (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>SIGKILL: no cleanup runs in the child; only the kernel can release its lock.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
