using EvoMerge.Core.IO;
using ScottPlot;

namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>
/// figure.png in the layout of the paper's figure: one panel from scratch, one from pre-trained
/// models; per method the mean test-accuracy curve over runs with a band of one standard error.
/// </summary>
public static class FigureWriter
{
    public const string FileName = "figure.png";
    const int Width = 1600, Height = 650;

    // One colour per method in both panels, in the order of the legend.
    static readonly string[] MethodOrder =
    [
        "m2n2", "m2n2_no_crossover", "m2n2_no_attraction", "m2n2_no_splitpoint", "ga", "ga_no_crossover",
        "cmaes", "sep-cmaes", "map_elites", "brute_force_slerp",
    ];

    public static void Write(string path, IReadOnlyList<CurveRow> curves)
    {
        var plots = new[] { DigitsPanel.Scratch, DigitsPanel.Pretrained }
            .Select(panel => PanelPlot(panel, curves.Where(r => r.Panel == panel.Name()).ToList()))
            .ToArray();
        try
        {
            var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
            // A new multiplot starts with one default subplot: replace it with ours.
            while (multiplot.Subplots.Count > 0) multiplot.Subplots.RemoveAt(0);
            foreach (var plot in plots) multiplot.AddPlot(plot);
            using var image = multiplot.Render(Width, Height);
            byte[] png = image.GetImageBytes(ImageFormat.Png);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.WriteAllBytes(path, png, fsync: false);
        }
        finally
        {
            foreach (var plot in plots) plot.Dispose();
        }
    }

    static Plot PanelPlot(DigitsPanel panel, List<CurveRow> rows)
    {
        var plot = new Plot();
        string title = panel == DigitsPanel.Scratch ? "From scratch" : "From pre-trained models";
        plot.Title(rows.Count == 0 ? $"{title} (no runs yet)" : title);
        plot.XLabel("Forward passes");
        plot.YLabel("Test accuracy (%)");
        var palette = new ScottPlot.Palettes.Category10();
        var methods = rows.GroupBy(r => r.Method).OrderBy(g => Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var method in methods)
        {
            var (x, mean, stderr, runs) = MeanCurve(method);
            var color = palette.GetColor(Rank(method.Key));
            var band = plot.Add.FillY(x, mean.Zip(stderr, (m, s) => m - s).ToArray(), mean.Zip(stderr, (m, s) => m + s).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(x, mean, color);
            line.LineWidth = 2;
            line.LegendText = $"{method.Key} ({mean[^1]:F1}%, n={runs})";
        }
        if (methods.Count > 0) plot.ShowLegend(Alignment.LowerRight);
        else plot.Axes.SetLimits(0, 1, 0, 100);
        return plot;
    }

    static int Rank(string method)
    {
        int known = Array.IndexOf(MethodOrder, method);
        return known >= 0 ? known : MethodOrder.Length;
    }

    /// <summary>Mean and standard error at each pass count that every run recorded.</summary>
    static (double[] X, double[] Mean, double[] StdErr, int Runs) MeanCurve(IEnumerable<CurveRow> rows)
    {
        var byRun = rows.GroupBy(r => r.Run).ToList();
        var shared = byRun.Select(g => g.Select(r => r.ForwardPasses).ToHashSet())
            .Aggregate((a, b) => { a.IntersectWith(b); return a; })
            .Order().ToArray();
        var lookup = rows.ToDictionary(r => (r.Run, r.ForwardPasses), r => r.TestAccuracy);
        var mean = new double[shared.Length];
        var stderr = new double[shared.Length];
        for (int i = 0; i < shared.Length; i++)
        {
            var values = byRun.Select(g => lookup[(g.Key, shared[i])]).ToArray();
            mean[i] = values.Average();
            stderr[i] = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean[i]) * (v - mean[i])) / (values.Length - 1) / values.Length);
        }
        return (shared.Select(p => (double)p).ToArray(), mean, stderr, byRun.Count);
    }
}
