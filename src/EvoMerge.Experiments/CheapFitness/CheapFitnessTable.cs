using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage;
using ScottPlot;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The experiment's outputs: runs.csv (one line per method and seed), errors.csv (estimator errors per
/// seed), table.csv (<c>task,method,seeds,examples_evaluated,test_accuracy,test_accuracy_stderr,estimator_mae</c>,
/// accuracies as fractions), table.md and test_accuracy_vs_examples.png.
/// </summary>
public static class CheapFitnessTable
{
    public const string Task = "digits";

    public static IReadOnlyList<CheapFitnessRow> Summarize(IReadOnlyList<MethodRun> runs, IReadOnlyList<EstimatorErrors> errors)
    {
        var rows = new List<CheapFitnessRow>();
        foreach (var method in MethodNames.All)
        {
            var mine = runs.Where(r => r.Method == method).ToList();
            if (mine.Count == 0) continue;
            double mean = mine.Average(r => r.TestAccuracy);
            double stderr = mine.Count < 2 ? 0 : Math.Sqrt(mine.Sum(r => (r.TestAccuracy - mean) * (r.TestAccuracy - mean)) / (mine.Count - 1) / mine.Count);
            double? mae = errors.Count == 0 ? null : method switch
            {
                MethodNames.Irt => errors.Average(e => e.GpIrt),
                MethodNames.RandomSubset => errors.Average(e => e.RandomSubset),
                MethodNames.FixedSubset => errors.Average(e => e.FixedSubset),
                _ => null,
            };
            rows.Add(new CheapFitnessRow(Task, method, mine.Count, mine.Average(r => (double)r.ExamplesEvaluated), mean, stderr, mae));
        }
        return rows;
    }

    public static void Write(string folder, IReadOnlyList<MethodRun> runs, IReadOnlyList<EstimatorErrors> errors, IReadOnlyList<CheapFitnessRow> rows)
    {
        Directory.CreateDirectory(folder);
        var runsCsv = new StringBuilder("method,seed,examples_evaluated,test_accuracy,winner_full_fitness\n");
        foreach (var r in runs) Row(runsCsv, [r.Method, r.Seed.ToString(CultureInfo.InvariantCulture), r.ExamplesEvaluated.ToString(CultureInfo.InvariantCulture), N(r.TestAccuracy), N(r.WinnerFullFitness)]);
        AtomicFile.WriteAllText(Path.Combine(folder, "runs.csv"), runsCsv.ToString(), fsync: false);

        var errorsCsv = new StringBuilder("seed,candidates,gp_irt_mae,p_irt_mae,weighted_anchor_mae,random_subset_mae,fixed_subset_mae\n");
        for (int s = 0; s < errors.Count; s++)
        {
            var e = errors[s];
            Row(errorsCsv, [runs.Where(r => r.Method == MethodNames.Full).ElementAtOrDefault(s)?.Seed.ToString(CultureInfo.InvariantCulture) ?? "", e.Candidates.ToString(CultureInfo.InvariantCulture), N(e.GpIrt), N(e.PIrt), N(e.Weighted), N(e.RandomSubset), N(e.FixedSubset)]);
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "errors.csv"), errorsCsv.ToString(), fsync: false);

        var table = new StringBuilder("task,method,seeds,examples_evaluated,test_accuracy,test_accuracy_stderr,estimator_mae\n");
        foreach (var r in rows)
            Row(table, [r.Task, r.Method, r.Seeds.ToString(CultureInfo.InvariantCulture), r.ExamplesEvaluated.ToString("F0", CultureInfo.InvariantCulture), N(r.TestAccuracy), N(r.TestAccuracyStderr), r.EstimatorMae is { } m ? N(m) : ""]);
        AtomicFile.WriteAllText(Path.Combine(folder, "table.csv"), table.ToString(), fsync: false);

        double full = rows.FirstOrDefault(r => r.Method == MethodNames.Full)?.ExamplesEvaluated ?? double.NaN;
        var md = new StringBuilder("| method | seeds | examples evaluated per run | fewer than full | test accuracy (mean ± stderr) | estimator MAE vs full |\n|---|---|---|---|---|---|\n");
        foreach (var r in rows)
            md.Append(CultureInfo.InvariantCulture, $"| {r.Method} | {r.Seeds} | {r.ExamplesEvaluated:F0} | {full / r.ExamplesEvaluated:F1}x | {100 * r.TestAccuracy:F2}% ± {100 * r.TestAccuracyStderr:F2} | {(r.EstimatorMae is { } m ? $"{100 * m:F2} points" : "")} |\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "table.md"), md.ToString(), fsync: false);

        WritePlot(Path.Combine(folder, "test_accuracy_vs_examples.png"), runs, rows);
    }

    static void WritePlot(string path, IReadOnlyList<MethodRun> runs, IReadOnlyList<CheapFitnessRow> rows)
    {
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int m = 0; m < rows.Count; m++)
        {
            var color = palette.GetColor(m);
            var mine = runs.Where(r => r.Method == rows[m].Method).ToList();
            var dots = plot.Add.ScatterPoints(mine.Select(r => Math.Log10(r.ExamplesEvaluated)).ToArray(), mine.Select(r => 100 * r.TestAccuracy).ToArray(), color.WithAlpha(0.35));
            dots.MarkerSize = 6;
            var mean = plot.Add.ErrorBar(new[] { Math.Log10(rows[m].ExamplesEvaluated) }, new[] { 100 * rows[m].TestAccuracy }, new[] { 100 * rows[m].TestAccuracyStderr });
            mean.Color = color;
            var centre = plot.Add.ScatterPoints(new[] { Math.Log10(rows[m].ExamplesEvaluated) }, new[] { 100 * rows[m].TestAccuracy }, color);
            centre.MarkerSize = 12;
            centre.LegendText = $"{rows[m].Method} ({100 * rows[m].TestAccuracy:F1}%)";
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = x => Math.Pow(10, x).ToString("N0", CultureInfo.InvariantCulture) };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.XLabel("Examples evaluated per run (log scale)");
        plot.YLabel("Test accuracy of the winner (%)");
        plot.Title("cheap-fitness on the digits demo: mean ± stderr over seeds (dots: single runs)");
        plot.ShowLegend(Alignment.LowerLeft);
        using var image = plot.GetImage(1000, 600);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png), fsync: false);
    }

    static void Row(StringBuilder builder, string[] cells) => CsvText.WriteRow(new StringWriter(builder) { NewLine = "\n" }, cells);

    static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
