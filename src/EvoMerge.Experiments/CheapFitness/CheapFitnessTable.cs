using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using ScottPlot;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The experiment's outputs: runs.csv (one line per task, method and seed), errors.csv (estimator
/// errors per task and seed), table.csv (<c>task,method,seeds,examples_evaluated,test_accuracy,test_accuracy_stderr,estimator_mae</c>,
/// accuracies as fractions), table.md and test_accuracy_vs_examples.png (a panel per task).
/// </summary>
public static class CheapFitnessTable
{
    public static IReadOnlyList<CheapFitnessRow> Summarize(IReadOnlyList<MethodRun> runs, IReadOnlyList<EstimatorErrors> errors)
    {
        var rows = new List<CheapFitnessRow>();
        foreach (var task in runs.Select(r => r.Task).Distinct())
            foreach (var method in MethodNames.All)
            {
                var mine = runs.Where(r => r.Task == task && r.Method == method).ToList();
                if (mine.Count == 0) continue;
                double mean = mine.Average(r => r.TestAccuracy);
                double stderr = mine.Count < 2 ? 0 : Math.Sqrt(mine.Sum(r => (r.TestAccuracy - mean) * (r.TestAccuracy - mean)) / (mine.Count - 1) / mine.Count);
                var taskErrors = errors.Where(e => e.Task == task).ToList();
                double? mae = taskErrors.Count == 0 ? null : method switch
                {
                    MethodNames.Irt => taskErrors.Average(e => e.Irt),
                    MethodNames.RandomSubset => taskErrors.Average(e => e.RandomSubset),
                    MethodNames.FixedSubset => taskErrors.Average(e => e.FixedSubset),
                    _ => null,
                };
                rows.Add(new CheapFitnessRow(task, method, mine.Count, mine.Average(r => (double)r.ExamplesEvaluated), mean, stderr, mae));
            }
        return rows;
    }

    public static void Write(string folder, IReadOnlyList<MethodRun> runs, IReadOnlyList<EstimatorErrors> errors, IReadOnlyList<CheapFitnessRow> rows)
    {
        Directory.CreateDirectory(folder);
        var runsCsv = new StringBuilder("task,method,seed,examples_evaluated,test_accuracy,winner_full_fitness\n");
        foreach (var r in runs) Row(runsCsv, [r.Task, r.Method, r.Seed.ToString(CultureInfo.InvariantCulture), r.ExamplesEvaluated.ToString(CultureInfo.InvariantCulture), N(r.TestAccuracy), N(r.WinnerFullFitness)]);
        AtomicFile.WriteAllText(Path.Combine(folder, "runs.csv"), runsCsv.ToString(), fsync: false);

        var errorsCsv = new StringBuilder("task,seed,candidates,irt_mae,gp_irt_mae,p_irt_mae,weighted_anchor_mae,difference_mae,completion_mae,random_subset_mae,fixed_subset_mae,amortized_examples,random_subset_amortized_mae\n");
        foreach (var e in errors)
            Row(errorsCsv, [e.Task, e.Seed.ToString(CultureInfo.InvariantCulture), e.Candidates.ToString(CultureInfo.InvariantCulture), N(e.Irt), N(e.GpIrt), N(e.PIrt), N(e.Weighted), N(e.Difference), N(e.Completion), N(e.RandomSubset), N(e.FixedSubset), e.AmortizedExamples.ToString(CultureInfo.InvariantCulture), N(e.RandomSubsetAmortized)]);
        AtomicFile.WriteAllText(Path.Combine(folder, "errors.csv"), errorsCsv.ToString(), fsync: false);

        var table = new StringBuilder("task,method,seeds,examples_evaluated,test_accuracy,test_accuracy_stderr,estimator_mae\n");
        foreach (var r in rows)
            Row(table, [r.Task, r.Method, r.Seeds.ToString(CultureInfo.InvariantCulture), r.ExamplesEvaluated.ToString("F0", CultureInfo.InvariantCulture), N(r.TestAccuracy), N(r.TestAccuracyStderr), r.EstimatorMae is { } m ? N(m) : ""]);
        AtomicFile.WriteAllText(Path.Combine(folder, "table.csv"), table.ToString(), fsync: false);

        var md = new StringBuilder("| task | method | seeds | examples evaluated per run | fewer than full | test accuracy (mean ± stderr) | estimator MAE vs full |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            double full = rows.FirstOrDefault(x => x.Task == r.Task && x.Method == MethodNames.Full)?.ExamplesEvaluated ?? double.NaN;
            md.Append(CultureInfo.InvariantCulture, $"| {r.Task} | {r.Method} | {r.Seeds} | {r.ExamplesEvaluated:F0} | {full / r.ExamplesEvaluated:F1}x | {100 * r.TestAccuracy:F2}% ± {100 * r.TestAccuracyStderr:F2} | {(r.EstimatorMae is { } m ? $"{100 * m:F2} points" : "")} |\n");
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "table.md"), md.ToString(), fsync: false);

        WritePlot(Path.Combine(folder, "test_accuracy_vs_examples.png"), runs, rows);
    }

    static void WritePlot(string path, IReadOnlyList<MethodRun> runs, IReadOnlyList<CheapFitnessRow> rows)
    {
        var plots = rows.Select(r => r.Task).Distinct()
            .Select(task => TaskPlot(task, runs.Where(r => r.Task == task).ToList(), rows.Where(r => r.Task == task).ToList()))
            .ToList();
        try
        {
            var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
            // A new multiplot starts with one default subplot: replace it with ours.
            while (multiplot.Subplots.Count > 0) multiplot.Subplots.RemoveAt(0);
            foreach (var plot in plots) multiplot.AddPlot(plot);
            using var image = multiplot.Render(Math.Max(1, plots.Count) * 800, 600);
            AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png), fsync: false);
        }
        finally
        {
            foreach (var plot in plots) plot.Dispose();
        }
    }

    static Plot TaskPlot(string task, IReadOnlyList<MethodRun> runs, IReadOnlyList<CheapFitnessRow> rows)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var row in rows)
        {
            // One colour per method in both panels.
            var color = palette.GetColor(MethodNames.All.ToList().IndexOf(row.Method));
            var mine = runs.Where(r => r.Method == row.Method).ToList();
            var dots = plot.Add.ScatterPoints(mine.Select(r => Math.Log10(r.ExamplesEvaluated)).ToArray(), mine.Select(r => 100 * r.TestAccuracy).ToArray(), color.WithAlpha(0.35));
            dots.MarkerSize = 6;
            var mean = plot.Add.ErrorBar(new[] { Math.Log10(row.ExamplesEvaluated) }, new[] { 100 * row.TestAccuracy }, new[] { 100 * row.TestAccuracyStderr });
            mean.Color = color;
            var centre = plot.Add.ScatterPoints(new[] { Math.Log10(row.ExamplesEvaluated) }, new[] { 100 * row.TestAccuracy }, color);
            centre.MarkerSize = 12;
            centre.LegendText = $"{row.Method} ({100 * row.TestAccuracy:F1}%)";
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = x => Math.Pow(10, x).ToString("N0", CultureInfo.InvariantCulture) };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.XLabel("Examples evaluated per run (log scale)");
        plot.YLabel("Test accuracy of the winner (%)");
        plot.Title($"{task}: mean ± stderr over seeds (dots: single runs)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    static void Row(StringBuilder builder, string[] cells) => CsvText.WriteRow(new StringWriter(builder) { NewLine = "\n" }, cells);

    static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
