using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>
/// `benchmark search`: what a trial costs besides its evaluation (ask, materialize, tell, journal), measured
/// on the digits demo's CMA-ES search. Two scenarios in one process: the demo as shipped (sub-millisecond
/// evaluations: the absolute figures matter) and the same search with every fitness file repeated so
/// one evaluation takes tens of milliseconds (where the overhead share is the figure: target under 10%).
/// Writes <c>search.csv</c> (the demo) and <c>search_large_eval.csv</c>: <c>phase,ms_per_trial,share_of_trial</c>.
/// </summary>
public static class SearchOverheadBenchmark
{
    public static IReadOnlyList<string> Run(string repositoryRoot, string benchmarksFolder, TextWriter log, int demoEvaluations = 400, int largeEvaluations = 100, int repeat = 250)
    {
        string work = Path.Combine(benchmarksFolder, ".search-work");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var assets = DigitsDemoAssets.Prepare(Path.Combine(repositoryRoot, "results", "demo-digits", "assets"), new DigitsDemoOptions());
        var demo = SearchConfigParser.ParseFile(Path.Combine(repositoryRoot, "configs", "demo-digits.yml"), repositoryRoot);
        var files = new List<string>();
        try
        {
            demo = demo with { Budget = new BudgetSpec(demoEvaluations, null) };
            files.Add(Measure("demo", demo, Path.Combine(work, "demo"), Path.Combine(benchmarksFolder, "search.csv"), log));

            var large = demo with
            {
                Name = "demo-large-eval",
                Budget = new BudgetSpec(largeEvaluations, null),
                Tasks = demo.Tasks.Select(t => t with { Data = Repeat(t.Data!, Path.Combine(work, Path.GetFileName(t.Data!)), repeat) }).ToList(),
            };
            files.Add(Measure($"demo with fitness rows x{repeat}", large, Path.Combine(work, "large"), Path.Combine(benchmarksFolder, "search_large_eval.csv"), log));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        _ = assets;
        return files;
    }

    static string Measure(string label, SearchConfig config, string runFolder, string csvPath, TextWriter log)
    {
        using var run = SearchRun.Start(config, runFolder, new SearchRunOptions());
        var outcome = run.Run();
        var phases = run.Timings.PerTrial();
        double total = phases.Sum(p => p.MsPerTrial);
        var csv = new StringBuilder("phase,ms_per_trial,share_of_trial\n");
        foreach (var (phase, ms) in phases)
            csv.Append(CultureInfo.InvariantCulture, $"{phase},{ms:R},{(total > 0 ? ms / total : 0):R}\n");
        AtomicFile.WriteAllText(csvPath, csv.ToString(), fsync: false);

        double evaluate = phases.Single(p => p.Phase == "evaluate").MsPerTrial;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {outcome.Completed} trials; {string.Join(", ", phases.Select(p => $"{p.Phase} {p.MsPerTrial:F3} ms"))}; " +
            $"overhead (all but evaluate) {total - evaluate:F3} ms = {(total - evaluate) / total:P1} of {total:F3} ms per trial -> {csvPath}"));
        return csvPath;
    }

    /// <summary>The CSV with its data rows repeated: the same task, an evaluation <paramref name="times"/> as long.</summary>
    static string Repeat(string source, string target, int times)
    {
        var lines = File.ReadAllLines(source);
        var text = new StringBuilder(lines[0]).Append('\n');
        for (int k = 0; k < times; k++)
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0)) text.Append(line).Append('\n');
        File.WriteAllText(target, text.ToString());
        return target;
    }
}
