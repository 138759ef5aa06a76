using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.State;
using ScottPlot;

namespace EvoMerge.Experiments.EvoLlmToyExperiment;

/// <summary>
/// The experiment's outputs: table.csv (<c>model,kind,target_accuracy,source1_accuracy,source2_accuracy</c>, accuracy
/// as fractions), table.md (the same as Sakana's table layout), target_accuracy.png (a bar per model) and
/// search_curves.png (best target dev accuracy against evaluations for each search).
/// </summary>
public static class ToyTableFiles
{
    public static void Write(string folder, IReadOnlyList<ToyTableRow> rows, IReadOnlyList<(string Name, string RunFolder)> searches)
    {
        var csv = new StringBuilder("model,kind,target_accuracy,source1_accuracy,source2_accuracy\n");
        foreach (var r in rows)
            CsvText.WriteRow(new StringWriter(csv) { NewLine = "\n" }, [r.Model, r.Kind, N(r.TargetAccuracy), N(r.Source1Accuracy), N(r.Source2Accuracy)]);
        AtomicFile.WriteAllText(Path.Combine(folder, "table.csv"), csv.ToString(), fsync: false);

        var md = new StringBuilder("| model | kind | target: lang-2 arithmetic | source 1: lang-1 arithmetic | source 2: lang-2 cloze |\n|---|---|---|---|---|\n");
        double bestOther = rows.Where(r => r.Kind is "source" or "simple_merge").Max(r => r.TargetAccuracy);
        foreach (var r in rows)
        {
            string target = P(r.TargetAccuracy);
            if (r.Kind is "ps" or "dfs" or "ps_dfs" && r.TargetAccuracy > bestOther) target = $"**{target}**";
            md.Append(CultureInfo.InvariantCulture, $"| {r.Model} | {r.Kind} | {target} | {P(r.Source1Accuracy)} | {P(r.Source2Accuracy)} |\n");
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "table.md"), md.ToString(), fsync: false);

        WriteBars(Path.Combine(folder, "target_accuracy.png"), rows);
        WriteCurves(Path.Combine(folder, "search_curves.png"), searches);
    }

    static void WriteBars(string path, IReadOnlyList<ToyTableRow> rows)
    {
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string[] kinds = ["source", "simple_merge", "ps", "dfs", "ps_dfs"];
        for (int i = 0; i < rows.Count; i++)
        {
            var bar = plot.Add.Bar(i, rows[i].TargetAccuracy * 100);
            bar.Color = palette.GetColor(Array.IndexOf(kinds, rows[i].Kind));
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(r => r.Model).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 140;
        plot.YLabel("Target test accuracy (%): arithmetic in language 2");
        plot.Title("evollm-toy: models and merges on the never-trained target task");
        plot.Axes.SetLimitsY(0, Math.Max(10, rows.Max(r => r.TargetAccuracy) * 110));
        Save(plot, path, 1100, 600);
    }

    static void WriteCurves(string path, IReadOnlyList<(string Name, string RunFolder)> searches)
    {
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var (name, runFolder) in searches)
        {
            var state = RunState.From(RunJournal.ReadOnly(runFolder));
            var x = new List<double>();
            var y = new List<double>();
            double best = double.NaN;
            int evaluations = 0;
            foreach (var trial in state.Trials.Where(t => t.Status != TrialStatus.Pending))
            {
                evaluations++;
                if (trial.Completion is { } c && !(c.Objectives[0] <= best)) best = c.Objectives[0];
                if (!double.IsNaN(best)) { x.Add(evaluations); y.Add(best * 100); }
            }
            var line = plot.Add.ScatterLine(x.ToArray(), y.ToArray(), palette.GetColor(2 + k++));
            line.LineWidth = 2;
            line.LegendText = $"{name} (best dev {(double.IsNaN(best) ? 0 : best * 100):F1}%)";
        }
        plot.XLabel("Evaluations");
        plot.YLabel("Best target dev accuracy so far (%)");
        plot.Title("evollm-toy searches (fitness on the dev split)");
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, path, 900, 500);
    }

    static void Save(Plot plot, string path, int width, int height)
    {
        using var image = plot.GetImage(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png), fsync: false);
    }

    static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static string P(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
