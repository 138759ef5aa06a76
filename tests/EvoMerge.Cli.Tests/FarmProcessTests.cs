using System.Diagnostics;
using System.Globalization;
using EvoMerge.Farm.Cluster;

namespace EvoMerge.Cli.Tests;

/// <summary>
/// The evaluation farm with real processes on 127.0.0.1: a search with local workers gives the trials of a
/// one-process run, whether a worker is SIGKILLed mid-run or the coordinator is and the run is resumed; a
/// worker without the run's key, or seeing a different model file, is refused and the run goes on.
/// </summary>
[Collection("console")]
public sealed class FarmProcessTests : IDisposable
{
    readonly TempFolder _temp = new();

    string DemoConfig(int evaluations, string execution = "", bool endless = false)
    {
        string yaml = DemoDigitsConfig.Prepare(_temp, evaluations).Yaml;
        // Random search never stops early (CMA-ES converges after about a thousand trials, a second or two on a farm).
        if (endless) yaml = yaml.Replace("name: cmaes ", "name: random\n  population: 8 ", StringComparison.Ordinal).Replace("  sigma0: 0.3\n", "", StringComparison.Ordinal);
        // A killed worker is noticed within 2 s rather than the default 10 s, to keep the test short.
        yaml += "execution:\n  heartbeat_timeout: 2s\n" + execution;
        string path = _temp.Combine($"search-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    string Reference(string config)
    {
        string reference = _temp.Combine("reference");
        var result = CliRunner.Run(_temp.Path, "search", config, "--out", reference);
        Assert.True(result.ExitCode == 0, result.Err + result.Out);
        return reference;
    }

    [Fact]
    public void A_worker_killed_mid_run_leaves_the_trials_of_a_one_process_run()
    {
        string config = DemoConfig(evaluations: 500);
        string reference = Reference(config);
        string folder = _temp.Combine("farm");
        using var search = StartCli(["search", config, "--out", folder, "--workers", "2"]);
        Assert.True(WaitForJournalLines(folder, 60, search), "the farm run did not get going: " + search.Errors());
        var workers = WorkersOf(search.Process.Id);
        Assert.Equal(2, workers.Count);
        using (var victim = Process.GetProcessById(workers[0])) victim.Kill();
        Assert.True(search.Process.WaitForExit(TimeSpan.FromMinutes(3)), "the farm run did not finish");
        Assert.True(search.Process.ExitCode == 0, search.Errors());

        Assert.Equal(Trials(reference), Trials(folder));
        var used = Workers(folder);
        Assert.DoesNotContain("in-process", used);
        Assert.True(used.Contains("local-1") && used.Contains("local-2"), $"workers in trials.csv: {string.Join(", ", used)}; log:\n{search.Errors()}");
        Assert.Contains("local-1 exited", search.Errors()); // and was started again
        Assert.Empty(WaitUntilGone(workers[1..]));
    }

    [Fact]
    public void The_coordinator_killed_mid_run_then_resumed_with_another_farm_equals_an_uninterrupted_run()
    {
        string config = DemoConfig(evaluations: 500);
        string reference = Reference(config);
        string folder = _temp.Combine("farm");
        List<int> workers;
        using (var search = StartCli(["search", config, "--out", folder, "--workers", "2"]))
        {
            Assert.True(WaitForJournalLines(folder, 150, search), "the farm run did not get going: " + search.Errors());
            workers = WorkersOf(search.Process.Id);
            search.Process.Kill(); // SIGKILL of the search process alone: its workers must notice and end
            search.Process.WaitForExit();
        }
        Assert.Empty(WaitUntilGone(workers));

        var resumed = CliRunner.Run(_temp.Path, "resume", folder, "--workers", "0");
        Assert.True(resumed.ExitCode == 0, resumed.Err + resumed.Out);
        Assert.Equal(Trials(reference), Trials(folder));
    }

    [Fact]
    public void Workers_without_the_key_or_with_a_changed_model_file_are_refused_and_the_run_goes_on()
    {
        int gateway = FreePort.On(System.Net.IPAddress.Loopback);
        string keyFile = _temp.Combine("cluster.key");
        // A run that lasts until the test kills it.
        string config = DemoConfig(evaluations: 1_000_000,
            $"  workers: 1\n  cluster:\n    gateway_port: {gateway}\n    key_file: {keyFile}\n", endless: true);
        string folder = _temp.Combine("farm");
        using var search = StartCli(["search", config, "--out", folder]);
        Assert.True(WaitForJournalLines(folder, 20, search), "the farm run did not get going: " + search.Errors());
        Assert.True(File.Exists(keyFile));
        string connection = $"127.0.0.1:{gateway}";

        string strangerKey = _temp.Combine("stranger.key");
        File.WriteAllText(strangerKey, "evomerge-cluster-key-v1\n" + new string('7', 64) + "\n");
        var stranger = RunWorker(["--cluster", connection, "--key-file", strangerKey, "--name", "stranger", "--patience", "30"]);
        Assert.NotEqual(0, stranger.Code);
        Assert.Contains("does not hold this run's cluster key", stranger.Err);

        // Replace (not overwrite: the running worker has it mapped) an expert with a changed copy.
        string expert = Directory.GetFiles(Path.Combine(_temp.Combine("assets"), "models", "expert_5_9"), "*.safetensors").Single();
        var bytes = File.ReadAllBytes(expert);
        bytes[^1] ^= 0x5A;
        File.WriteAllBytes(expert + ".new", bytes);
        File.Move(expert + ".new", expert, overwrite: true);
        var changed = RunWorker(["--cluster", connection, "--key-file", keyFile, "--name", "changed", "--patience", "30"]);
        Assert.NotEqual(0, changed.Code);
        Assert.Contains($"{expert}: differs on the worker", changed.Err);

        Assert.False(search.Process.HasExited, "the run should go on with its own worker: " + search.Errors());
        Assert.Contains("worker changed refused", search.Errors());
        search.Process.Kill(entireProcessTree: true);
    }

    (int Code, string Err) RunWorker(string[] args)
    {
        using var worker = StartCli(["worker", .. args]);
        Assert.True(worker.Process.WaitForExit(TimeSpan.FromMinutes(2)), "the worker did not give up");
        worker.Process.WaitForExit();
        return (worker.Process.ExitCode, worker.Errors());
    }

    sealed class CliProcess(Process process) : IDisposable
    {
        readonly System.Text.StringBuilder errors = new();

        public Process Process { get; } = process;

        public void Capture()
        {
            Process.OutputDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        public string Errors() { lock (errors) return errors.ToString(); }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }

    CliProcess StartCli(string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "evomerge.dll");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(cli);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        var process = new CliProcess(Process.Start(info)!);
        process.Capture();
        return process;
    }

    /// <summary>The worker processes a search started: those whose command line names its pid as parent.</summary>
    static List<int> WorkersOf(int searchPid)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = Directory.GetDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
                .Where(pid => pid > 0 && CommandLine(pid) is { } line && line.Contains("\0worker\0", StringComparison.Ordinal)
                              && line.Contains("\0--parent-pid\0" + searchPid.ToString(CultureInfo.InvariantCulture) + "\0", StringComparison.Ordinal))
                .Order().ToList();
            if (found.Count > 0 || clock.Elapsed > TimeSpan.FromSeconds(30)) return found;
            Thread.Sleep(100);
        }
    }

    static string? CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The given processes still alive after up to 30 s.</summary>
    static List<int> WaitUntilGone(IEnumerable<int> pids)
    {
        var clock = Stopwatch.StartNew();
        var alive = pids.ToList();
        while (alive.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            alive = alive.Where(pid => Directory.Exists($"/proc/{pid}") && !IsZombie(pid)).ToList();
            Thread.Sleep(100);
        }
        return alive;
    }

    static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return true; }
    }

    static bool WaitForJournalLines(string folder, int lines, CliProcess process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (JournalLines(folder) >= lines) return true;
            if (process.Process.HasExited) return false;
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

    /// <summary>trials.csv without the columns that may differ between farms: seconds and worker.</summary>
    static string Trials(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        var header = lines[0].Split(',');
        int seconds = Array.IndexOf(header, "seconds");
        int worker = Array.IndexOf(header, "worker");
        return string.Join('\n', lines.Select(line => string.Join(',', line.Split(',').Where((_, i) => i != seconds && i != worker))));
    }

    static HashSet<string> Workers(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        int worker = Array.IndexOf(lines[0].Split(','), "worker");
        return lines.Skip(1).Select(l => l.Split(',')[worker]).ToHashSet();
    }

    public void Dispose() => _temp.Dispose();
}
