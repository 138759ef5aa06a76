using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;
using ScottPlot;

namespace EvoMerge.Reporting.Plots;

/// <summary>
/// <c>pareto_front.png</c>. Two objectives: every completed trial as a grey dot, the Pareto front in
/// colour joined by the staircase of the region it dominates. Three or more: side-by-side scatter
/// plots of the first <see cref="MaxPairs"/> objective pairs, with the trials that are non-dominated
/// over all objectives highlighted (a projection has no staircase).
/// </summary>
internal static class ParetoFrontPlot
{
    public const string FileName = "pareto_front.png";
    public const int MaxPairs = 3;
    private const int PanelSize = 600;

    /// <summary>The objective pairs drawn for a run with <paramref name="objectives"/> objectives.</summary>
    public static IReadOnlyList<(int X, int Y)> Pairs(int objectives) =>
        Enumerable.Range(0, objectives)
            .SelectMany(a => Enumerable.Range(a + 1, objectives - a - 1).Select(b => (a, b)))
            .Take(MaxPairs)
            .ToList();

    public static void Write(RunView run, string path)
    {
        bool connect = run.Schema.Objectives.Count == 2;
        var panels = Pairs(run.Schema.Objectives.Count).Select(p => Panel(run, p.X, p.Y, connect)).ToList();
        try
        {
            PngFile.Write(path, panels, inRows: false, PanelSize * panels.Count + (connect ? 200 : 0), PanelSize);
        }
        finally
        {
            foreach (var panel in panels)
            {
                panel.Dispose();
            }
        }
    }

    private static Plot Panel(RunView run, int x, int y, bool connect)
    {
        var plot = new Plot();
        var frontIds = run.ParetoFront.Select(t => t.TrialId).ToHashSet();
        var others = Finite(run.Completed.Where(t => !frontIds.Contains(t.TrialId)), x, y);
        var front = Finite(run.ParetoFront, x, y);

        if (others.X.Length > 0)
        {
            var dots = plot.Add.ScatterPoints(others.X, others.Y, Colors.Gray.WithAlpha(0.6));
            dots.MarkerSize = 5;
            dots.LegendText = LegendText("dominated", others.X, others.Y);
        }

        if (front.X.Length > 0)
        {
            var order = Enumerable.Range(0, front.X.Length).OrderBy(i => front.X[i]).ThenBy(i => front.Y[i]).ToArray();
            var highlighted = plot.Add.Scatter(order.Select(i => front.X[i]).ToArray(), order.Select(i => front.Y[i]).ToArray(), Colors.C3);
            highlighted.MarkerSize = 8;
            highlighted.LineWidth = connect ? 2 : 0;
            // Sorted by x, the corner between two front points is the one both dominate: after the
            // step in x when x is minimized, before it when x is maximized.
            highlighted.ConnectStyle = run.Schema.Objectives[x].Maximize ? ConnectStyle.StepVertical : ConnectStyle.StepHorizontal;
            highlighted.LegendText = LegendText("Pareto front", front.X, front.Y);
        }

        plot.Title(connect ? $"{run.Name}: Pareto front" : $"{run.Name}: objectives {x + 1} and {y + 1} of {run.Schema.Objectives.Count}");
        plot.XLabel(AxisText.Objective(run, x));
        plot.YLabel(AxisText.Objective(run, y));
        plot.ShowLegend(WorstCorner(run.Schema.Objectives[x].Maximize, run.Schema.Objectives[y].Maximize));
        return plot;
    }

    /// <summary>
    /// "Pareto front (107)" over a single visible dot looked wrong: trials with equal objective values share
    /// a point, so the legend says how many distinct points the trials occupy when that is fewer.
    /// </summary>
    public static string LegendText(string what, double[] x, double[] y)
    {
        int trials = x.Length;
        int points = x.Zip(y).Distinct().Count();
        if (points == trials) return $"{what} ({trials})";
        return $"{what} ({trials} trials at {points} {(points == 1 ? "point" : "points")})";
    }

    /// <summary>The legend goes where both objectives are worst, away from the front.</summary>
    private static Alignment WorstCorner(bool maximizeX, bool maximizeY) => (maximizeX, maximizeY) switch
    {
        (true, true) => Alignment.LowerLeft,
        (true, false) => Alignment.UpperLeft,
        (false, true) => Alignment.LowerRight,
        (false, false) => Alignment.UpperRight,
    };

    private static (double[] X, double[] Y) Finite(IEnumerable<TrialRecord> trials, int x, int y)
    {
        var points = trials
            .Select(t => (X: t.Completion!.Objectives[x], Y: t.Completion.Objectives[y]))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .ToList();
        return (points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
    }
}
