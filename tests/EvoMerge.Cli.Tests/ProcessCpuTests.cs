using System.Diagnostics;
using EvoMerge.Cli.Commands.Benchmarks;

namespace EvoMerge.Cli.Tests;

/// <summary>The farm benchmark's CPU reading: a process's own time and, on Linux, the children it waited for.</summary>
public sealed class ProcessCpuTests
{
    [Fact]
    public void A_busy_process_reads_more_time_than_before()
    {
        var before = ProcessCpu.Read([Environment.ProcessId]);
        var clock = Stopwatch.StartNew();
        double sink = 0;
        while (clock.ElapsedMilliseconds < 300) sink += Math.Sqrt(sink + clock.ElapsedTicks);
        var used = ProcessCpu.Between(before, ProcessCpu.Read([Environment.ProcessId]));

        Assert.True(sink > 0);
        // 300 ms of spinning on this thread; /proc counts in 10 ms ticks, and another core may add more.
        Assert.InRange(used.TotalMilliseconds, 200, 10_000);
    }

    [Fact]
    public void Time_of_children_the_process_waited_for_counts_as_its_own()
    {
        // A shell that waits for a busy child: the child's time reaches the shell's cutime once reaped.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; sleep 2"]))!;
        try
        {
            var clock = Stopwatch.StartNew();
            TimeSpan? seen = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && !shell.HasExited)
            {
                seen = ProcessCpu.Of(shell.Id);
                if (seen > TimeSpan.FromMilliseconds(100)) break;
                Thread.Sleep(50);
            }

            // The shell itself only waits: the time it shows is its child's.
            Assert.True(seen > TimeSpan.FromMilliseconds(100), $"read {seen} for the waiting shell");
        }
        finally
        {
            if (!shell.HasExited) shell.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public void A_process_that_ended_reads_as_nothing_and_drops_out_of_a_difference()
    {
        using var quick = Process.Start(new ProcessStartInfo("true"))!;
        quick.WaitForExit();
        int pid = quick.Id;
        quick.Dispose();

        Assert.Null(ProcessCpu.Of(pid));
        var before = new Dictionary<int, TimeSpan> { [pid] = TimeSpan.FromSeconds(1) };
        Assert.Equal(TimeSpan.Zero, ProcessCpu.Between(before, ProcessCpu.Read([pid])));
    }
}
