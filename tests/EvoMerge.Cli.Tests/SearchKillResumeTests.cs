using System.Diagnostics;

namespace EvoMerge.Cli.Tests;

/// <summary>
/// The durability promise end to end: a `search` process killed with SIGKILL at random points (several
/// times per run) and continued with `resume` ends with the same trials.csv as an uninterrupted run.
/// </summary>
[Collection("console")]
public sealed class SearchKillResumeTests : IDisposable
{
    readonly TempFolder _temp = new();

    string DemoConfig(int evaluations)
    {
        string yaml = DemoDigitsConfig.Prepare(_temp, evaluations).Yaml;
        string path = _temp.Combine("search.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Kill_minus_nine_at_random_points_then_resume_equals_an_uninterrupted_run()
    {
        string config = DemoConfig(evaluations: 600);
        string reference = _temp.Combine("reference");
        var result = CliRunner.Run(_temp.Path, "search", config, "--out", reference);
        Assert.True(result.ExitCode == 0, result.Err + result.Out);

        string folder = _temp.Combine("killed");
        var random = new Random(20261124);
        var kills = new List<int>();
        int threshold = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            threshold += random.Next(40, 160);
            bool started = File.Exists(Path.Combine(folder, "journal.jsonl"));
            using var process = StartCli(_temp.Path, started ? ["resume", folder] : ["search", config, "--out", folder]);
            if (WaitForJournalLines(folder, threshold, process))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                kills.Add(JournalLines(folder));
            }
            else
            {
                process.WaitForExit();
            }
        }
        Assert.True(kills.Count >= 2, $"expected kills in the middle of the run, got {kills.Count}");

        using (var last = StartCli(_temp.Path, ["resume", folder]))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromMinutes(3)), "the final resume did not finish");
            Assert.Equal(0, last.ExitCode);
        }
        Assert.Equal(TrialsWithoutSeconds(reference), TrialsWithoutSeconds(folder));
    }

    static Process StartCli(string workingDirectory, string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "evomerge.dll");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(cli);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once the journal has <paramref name="lines"/> lines; false if the process ended first.</summary>
    static bool WaitForJournalLines(string folder, int lines, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (JournalLines(folder) >= lines) return true;
            if (process.HasExited) return false;
            Thread.Sleep(5);
        }
        return false;
    }

    static int JournalLines(string folder)
    {
        string path = Path.Combine(folder, "journal.jsonl");
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int count = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0) if (b == '\n') count++;
        return count;
    }

    static string TrialsWithoutSeconds(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
        return string.Join('\n', lines.Select(line => string.Join(',', line.Split(',').Where((_, i) => i != seconds))));
    }

    public void Dispose() => _temp.Dispose();
}
