using System.Diagnostics;
using System.Globalization;

namespace EvoMerge.Farm.Local;

/// <summary>
/// The worker processes a search started itself (<c>--workers N</c>): started with the farm's address and key,
/// their output forwarded to the run's log, restarted when one dies (a native crash kills one worker, not the
/// run; the board re-dispatches its trial), and killed when the search ends, however it ends. Workers also
/// watch the search's process id, so a search killed with SIGKILL leaves none behind.
/// </summary>
public sealed class LocalWorkerPool : IDisposable
{
    /// <summary>A worker that dies this many times in a row without ever joining is not restarted again.</summary>
    const int MaxRestarts = 5;
    readonly WorkerLauncher launcher;
    readonly Func<int, WorkerInvocation> invocationFor;
    readonly Action<string> log;
    readonly Lock gate = new();
    readonly Process?[] processes;
    readonly int[] restarts;
    int givenUp;
    bool disposed;

    /// <param name="invocationFor">The worker arguments (after <c>worker</c>) and environment for worker number i.</param>
    public LocalWorkerPool(WorkerLauncher launcher, int count, Func<int, WorkerInvocation> invocationFor, Action<string> log)
    {
        this.launcher = launcher;
        this.invocationFor = invocationFor;
        this.log = log;
        processes = new Process?[count];
        restarts = new int[count];
        for (int i = 0; i < count; i++) Start(i);
    }

    /// <summary>The process ids of the workers running now (tests kill one to check the run survives it).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get { lock (gate) return processes.Where(p => p is { HasExited: false }).Select(p => p!.Id).ToList(); }
    }

    /// <summary>How many workers the pool keeps running.</summary>
    public int Count => processes.Length;

    /// <summary>Workers that died too often without joining and are not started again.</summary>
    public int GivenUp
    {
        get { lock (gate) return givenUp; }
    }

    public static string LocalName(int index) => "local-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    void Start(int index)
    {
        var invocation = invocationFor(index);
        var info = launcher.StartInfo(invocation.Arguments);
        foreach (var (name, value) in invocation.Environment) info.Environment[name] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var workerName = LocalName(index);
        process.OutputDataReceived += (_, e) => Forward(workerName, e.Data, index);
        process.ErrorDataReceived += (_, e) => Forward(workerName, e.Data, index);
        process.Exited += (_, _) => Exited(index, process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes[index] = process;
    }

    void Forward(string name, string? line, int index)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        // A worker that joined proved it can work: its restart allowance starts over.
        if (line.Contains(" joined run ", StringComparison.Ordinal)) lock (gate) restarts[index] = 0;
        log($"{name}: {line}");
    }

    void Exited(int index, Process process)
    {
        lock (gate)
        {
            if (disposed || !ReferenceEquals(processes[index], process)) return;
            var code = process.ExitCode;
            if (++restarts[index] > MaxRestarts)
            {
                givenUp++;
                log($"{LocalName(index)} exited (code {code}) {MaxRestarts} times without joining; not restarted. The run goes on with the other workers.");
                return;
            }
            log($"{LocalName(index)} exited (code {code}); starting it again.");
            process.Dispose();
            Start(index);
        }
    }

    /// <summary>Kills every worker (and its children: command evaluators) and waits for them to end.</summary>
    public void Dispose()
    {
        Process?[] running;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            running = processes.ToArray();
        }
        foreach (var process in running.OfType<Process>())
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
    }
}
