
namespace EvoMerge.Cli.Tests;

/// <summary>
/// fisher searched on a farm: each local worker estimates the experts' Fisher information from merge.parameters.fisher_data
/// once, into its own scratch, and the trials equal those of a one-process run (which estimates into RUN_DIR.fisher).
/// </summary>
[Collection("console")]
public sealed class FarmFisherTests : IDisposable
{
    readonly TempFolder _temp = new();

    [Fact]
    public void A_fisher_search_on_two_local_workers_gives_the_trials_of_a_one_process_run()
    {
        var demo = DemoDigitsConfig.Prepare(_temp, evaluations: 24);
        string config = _temp.Combine("search.yml");
        string fisherData = Path.Combine(demo.AssetsFolder, "data", "validation_0_4.csv");
        File.WriteAllText(config, demo.Yaml
            .Replace("name: cmaes ", "name: random\n  population: 8 ")
            .Replace("  sigma0: 0.3\n", "")
            .Replace("  method: task_arithmetic ", $"  method: [fisher, task_arithmetic]\n  parameters: {{fisher_data: {fisherData}, fisher_examples: 40}}\n  #"));

        string reference = _temp.Combine("one-process");
        var alone = CliRunner.RunProcess(_temp.Path, TimeSpan.FromMinutes(5), "search", config, "--out", reference);
        Assert.True(alone.ExitCode == 0, alone.Err + alone.Out);
        string farm = _temp.Combine("farm");
        var farmed = CliRunner.RunProcess(_temp.Path, TimeSpan.FromMinutes(5), "search", config, "--out", farm, "--workers", "2",
            "--scratch", Directory.CreateDirectory(_temp.Combine("scratch")).FullName);
        Assert.True(farmed.ExitCode == 0, farmed.Err + farmed.Out);

        var (header, rows) = Trials(reference);
        int method = Array.IndexOf(header, "method");
        Assert.True(rows.Count(r => r.Split(',')[method] == "fisher") >= 2, string.Join('\n', rows));
        Assert.All(rows, r => Assert.Contains(",completed,", r));
        Assert.Equal(rows, Trials(farm).Rows);
        // The workers estimate into their scratch (a fresh one here: estimates are reused by the files' content);
        // which worker gets a fisher trial first depends on how the hand-outs fall.
        Assert.Matches(@"local-\d+: estimated the Fisher information of ", farmed.Err);
        Assert.DoesNotContain("in-process", File.ReadAllText(Path.Combine(farm, "trials.csv")));
    }

    /// <summary>trials.csv without the columns that may differ between farms: seconds and worker.</summary>
    static (string[] Header, List<string> Rows) Trials(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        var header = lines[0].Split(',');
        int[] keep = Enumerable.Range(0, header.Length).Where(i => header[i] is not ("seconds" or "worker")).ToArray();
        return (keep.Select(i => header[i]).ToArray(), lines.Skip(1).Select(l => string.Join(',', keep.Select(i => l.Split(',')[i]))).ToList());
    }

    public void Dispose() => _temp.Dispose();
}
