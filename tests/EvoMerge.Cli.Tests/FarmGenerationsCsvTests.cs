using System.Globalization;

namespace EvoMerge.Cli.Tests;

/// <summary>A search on a farm of real local worker processes fills generations.csv's timing columns.</summary>
[Collection("console")]
public sealed class FarmGenerationsCsvTests : IDisposable
{
    readonly TempFolder _temp = new();

    [Fact]
    public void A_run_on_two_local_workers_writes_workers_slots_rate_and_idle_share_per_generation()
    {
        string config = _temp.Combine("search.yml");
        File.WriteAllText(config, DemoDigitsConfig.Prepare(_temp, evaluations: 60).Yaml);
        string folder = _temp.Combine("farm");

        var result = CliRunner.RunProcess(_temp.Path, TimeSpan.FromMinutes(5), "search", config, "--out", folder, "--workers", "2");
        Assert.True(result.ExitCode == 0, result.Err + result.Out);

        var lines = File.ReadAllLines(Path.Combine(folder, "generations.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["seconds", "workers", "slots", "busy_slots", "trials_per_s", "idle_share"], header[^6..]);
        var rows = lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList();
        Assert.True(rows.Count >= 6, string.Join('\n', lines));
        foreach (var row in rows)
        {
            string shown = string.Join(", ", row.Select(p => $"{p.Key}={p.Value}"));
            // A generation may run before the second worker has joined, or be taken by one worker alone.
            Assert.InRange(Number(row["workers"]), 1, 2);
            Assert.InRange(Number(row["slots"]), 0.1, 2.001);
            Assert.InRange(Number(row["busy_slots"]), 0, Number(row["slots"]));
            Assert.InRange(Number(row["idle_share"]), 0, 1);
            Assert.True(Number(row["trials_per_s"]) > 0 && Number(row["seconds"]) > 0, shown);
        }
        Assert.Contains(rows, r => r["workers"] == "2");
        Assert.Contains(rows, r => Number(r["slots"]) > 1.5);
    }

    static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    public void Dispose() => _temp.Dispose();
}
