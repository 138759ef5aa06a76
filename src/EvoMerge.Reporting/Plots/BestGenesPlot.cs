using System.Globalization;
using EvoMerge.Reporting.Analysis;
using ScottPlot;

namespace EvoMerge.Reporting.Plots;

/// <summary>
/// <c>best_genes.png</c>: a heatmap of gene values, one row per best trial (see
/// <see cref="BestTrials.ForGenePlot"/>, best by the first objective at the top) and one column per
/// gene in genome order, with a labelled colour bar. Gene names are written vertically under the columns;
/// with many genes only every k-th is labelled so the labels stay legible. Cells of a categorical gene (a searched
/// merge method) carry the chosen category's name.
/// </summary>
internal static class BestGenesPlot
{
    public const string FileName = "best_genes.png";
    private const int MaxGeneLabels = 60;
    private const int MinWidth = 900;
    private const int MaxWidth = 2400;

    /// <summary>How many objective values a row label shows.</summary>
    private const int RowObjectives = 3;

    public static void Write(RunView run, string path)
    {
        var trials = BestTrials.ForGenePlot(run);
        var genes = run.Schema.Genes;
        var values = new double[trials.Count, genes.Count];
        for (int row = 0; row < trials.Count; row++)
        {
            for (int gene = 0; gene < genes.Count; gene++)
            {
                values[row, gene] = trials[row].Genes[gene];
            }
        }

        using var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Without an extent, cell (row r, gene g) is a unit square centred on (g, rows - 1 - r): row 0 at the top.
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = ColorBarLabel;
        // A categorical gene's colour is only its bin's position: each of its cells names the method it chose.
        foreach (var (gene, row, text) in CategoryCells(run, trials))
        {
            var label = plot.Add.Text(text, gene, trials.Count - 1 - row);
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.Black;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        }

        int step = Math.Max(1, (int)Math.Ceiling(genes.Count / (double)MaxGeneLabels));
        var labelled = Enumerable.Range(0, genes.Count).Where(g => g % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(labelled.Select(g => (double)g).ToArray(), labelled.Select(g => genes[g]).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        int longest = labelled.Max(g => genes[g].Length);
        plot.Axes.Bottom.MinimumSize = Math.Min(400, 20 + 7 * longest);

        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, trials.Count).Select(r => (double)(trials.Count - 1 - r)).ToArray(),
            trials.Select(RowLabel).ToArray());
        plot.Axes.SetLimits(-0.5, genes.Count - 0.5, -0.5, trials.Count - 0.5);

        var texts = Texts(run, trials.Count, step, genes.Count);
        plot.Title(texts.Title);
        plot.XLabel(texts.XLabel);
        plot.YLabel(texts.YLabel);

        int titleWidth = 80 + TitleCharWidth * texts.Title.Split('\n').Max(line => line.Length);
        int width = Math.Clamp(Math.Max(300 + 16 * genes.Count, titleWidth), MinWidth, MaxWidth);
        int height = 150 + (int)plot.Axes.Bottom.MinimumSize + 40 * trials.Count;
        PngFile.Write(path, plot, width, Math.Max(450, height));
    }

    public const string ColorBarLabel = "gene value";

    /// <summary>The category name of each categorical gene's cell (a searched merge method), by gene column and trial row.</summary>
    public static IEnumerable<(int Gene, int Row, string Text)> CategoryCells(RunView run, IReadOnlyList<EvoMerge.Runs.Storage.State.TrialRecord> trials)
    {
        var categories = run.Schema.Csv.GeneCategories;
        for (int gene = 0; gene < categories.Count; gene++)
        {
            if (categories[gene] is not { } labels) continue;
            for (int row = 0; row < trials.Count; row++)
                yield return (gene, row, labels[EvoMerge.Core.Optimization.CategoryBins.Index(trials[row].Genes[gene], labels.Count)]);
        }
    }

    /// <summary>Approximate width of a title character in pixels, to size the image so the title is not cut off.</summary>
    private const int TitleCharWidth = 11;

    /// <summary>
    /// Title (the run name on its own line: long names cut the title off when it shared one line), axis labels.
    /// The y label says what the row labels hold: the trial id, then its objective values.
    /// </summary>
    public static (string Title, string XLabel, string YLabel) Texts(RunView run, int rows, int step, int geneCount)
    {
        var objectives = run.Schema.Objectives;
        string which = objectives.Count == 1
            ? $"top {rows} by {objectives[0].Name}"
            : $"{rows} of {run.ParetoFront.Count} Pareto-front trials, by {objectives[0].Name}";
        string shown = string.Join(", ", objectives.Take(RowObjectives).Select(o => o.Name));
        string more = objectives.Count > RowObjectives ? $", first {RowObjectives} of {objectives.Count} objectives" : "";
        return ($"{run.Name}\ngenes of the best trials ({which})",
                step == 1 ? "gene" : $"gene (1 in {step} of {geneCount} labelled)",
                $"trial #id: {shown}{more}");
    }

    public static string RowLabel(EvoMerge.Runs.Storage.State.TrialRecord trial)
    {
        var objectives = trial.Completion!.Objectives;
        return $"#{trial.TrialId.ToString(CultureInfo.InvariantCulture)}: " +
               string.Join(", ", objectives.Take(RowObjectives).Select(v => v.ToString("G4", CultureInfo.InvariantCulture)));
    }
}
