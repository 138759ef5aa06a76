using EvoMerge.Reporting.Analysis;
using ScottPlot;

namespace EvoMerge.Reporting.Plots;

/// <summary>
/// <c>best_objectives.png</c>: one panel per objective, stacked: every completed trial's value as a
/// grey dot, the best so far as a step line, failed evaluations as red crosses on the panel's floor.
/// The x axis counts evaluations (finished trials in id order, failed ones included).
/// </summary>
internal static class BestObjectivesPlot
{
    public const string FileName = "best_objectives.png";
    private const int Width = 1000;
    private const int PanelHeight = 320;

    public static void Write(RunView run, string path)
    {
        var panels = Enumerable.Range(0, run.Schema.Objectives.Count).Select(k => Panel(run, k)).ToList();
        try
        {
            PngFile.Write(path, panels, inRows: true, Width, Math.Max(400, PanelHeight * panels.Count));
        }
        finally
        {
            foreach (var panel in panels)
            {
                panel.Dispose();
            }
        }
    }

    private static Plot Panel(RunView run, int objective)
    {
        var plot = new Plot();
        var evaluations = run.Evaluations;
        double[] best = BestSoFar.Of(run, objective);
        var completed = Points(evaluations.Count, i => BestSoFar.ValueOf(evaluations[i], objective));
        var bestLine = Points(evaluations.Count, i => best[i]);

        if (completed.X.Length > 0)
        {
            var dots = plot.Add.ScatterPoints(completed.X, completed.Y, Colors.Gray.WithAlpha(0.6));
            dots.MarkerSize = 4;
            dots.LegendText = "trial";
        }

        if (bestLine.X.Length > 0)
        {
            var line = plot.Add.ScatterLine(bestLine.X, bestLine.Y, Colors.C0);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2;
            line.LegendText = $"best so far ({best[^1]:G6})";
        }

        var failed = Enumerable.Range(0, evaluations.Count).Where(i => evaluations[i].Failure is not null).Select(i => i + 1.0).ToArray();
        if (failed.Length > 0)
        {
            double floor = completed.Y.Length > 0 ? completed.Y.Min() : 0;
            var crosses = plot.Add.ScatterPoints(failed, failed.Select(_ => floor).ToArray(), Colors.Red);
            crosses.MarkerShape = MarkerShape.Eks;
            crosses.MarkerSize = 7;
            crosses.LegendText = $"failed ({failed.Length})";
        }

        plot.Title(objective == 0 ? $"{run.Name}: best objective values" : "");
        plot.XLabel("evaluations");
        plot.YLabel(AxisText.Objective(run, objective));
        plot.ShowLegend(run.Schema.Objectives[objective].Maximize ? Alignment.LowerRight : Alignment.UpperRight);
        if (evaluations.Count > 0)
        {
            plot.Axes.SetLimitsX(0, evaluations.Count + 1);
        }

        return plot;
    }

    /// <summary>Evaluation numbers (from 1) and values, keeping only finite values (a plot cannot place the others).</summary>
    private static (double[] X, double[] Y) Points(int count, Func<int, double> value)
    {
        var indices = Enumerable.Range(0, count).Where(i => double.IsFinite(value(i))).ToArray();
        return (indices.Select(i => i + 1.0).ToArray(), indices.Select(value).ToArray());
    }
}
