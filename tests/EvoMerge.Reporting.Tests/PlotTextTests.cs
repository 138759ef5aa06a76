using EvoMerge.Reporting.Plots;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

/// <summary>The words on the plots: titles that fit, labelled axes and colour bar, legends that count what is visible.</summary>
public class PlotTextTests
{
    [Fact]
    public void Coinciding_trials_are_counted_as_trials_at_fewer_points()
    {
        Assert.Equal("Pareto front (107 trials at 1 point)",
            ParetoFrontPlot.LegendText("Pareto front", Enumerable.Repeat(0.9, 107).ToArray(), Enumerable.Repeat(0.8, 107).ToArray()));
        Assert.Equal("dominated (3 trials at 2 points)", ParetoFrontPlot.LegendText("dominated", [0.1, 0.1, 0.2], [0.5, 0.5, 0.5]));
        Assert.Equal("Pareto front (2)", ParetoFrontPlot.LegendText("Pareto front", [0.1, 0.2], [0.5, 0.5]));
    }

    [Fact]
    public void Gene_plot_title_puts_the_run_name_on_its_own_line_and_the_y_label_explains_the_rows()
    {
        using var root = new TempFolder();
        string path = root.Combine("demo-digits-nsga2-20261205-045501");
        var schema = new RunSchema(["g0", "g1"], [], [new ObjectiveInfo("digits_0_4", true), new ObjectiveInfo("digits_5_9", true)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.1, 0.2]), (1, [0.3, 0.4]));
            run.Complete(0, 0, [0.9, 0.4]);
            run.Complete(1, 0, [0.4, 0.9]);
        }

        var view = RunView.Load(path);
        var (title, _, yLabel) = BestGenesPlot.Texts(view, rows: 2, step: 1, geneCount: 2);

        Assert.Equal("demo-digits-nsga2-20261205-045501\ngenes of the best trials (2 of 2 Pareto-front trials, by digits_0_4)", title);
        Assert.Equal("trial #id: digits_0_4, digits_5_9", yLabel);
        Assert.Equal("#1: 0.4, 0.9", BestGenesPlot.RowLabel(view.Completed.Single(t => t.TrialId == 1)));
        Assert.Equal("gene value", BestGenesPlot.ColorBarLabel);
    }

    [Fact]
    public void Gene_plot_cells_of_a_method_gene_name_the_chosen_method()
    {
        using var root = new TempFolder();
        string path = root.Combine("methods");
        var schema = new RunSchema(["method", "g1"], [], [new ObjectiveInfo("acc", true)],
            categories: new Dictionary<string, IReadOnlyList<string>> { ["method"] = ["ties", "slerp", "linear"] });
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.9, 0.2]), (1, [0.5, 0.4]), (2, [0.1, 0.6]));
            run.Complete(0, 0, [0.9]);
            run.Complete(1, 0, [0.8]);
            run.Complete(2, 0, [0.7]);
        }

        var view = RunView.Load(path);
        var trials = Analysis.BestTrials.ForGenePlot(view);
        var cells = BestGenesPlot.CategoryCells(view, trials).ToList();

        // Best first: trial 0 (0.9 -> linear), 1 (0.5 -> slerp), 2 (0.1 -> ties); the numeric gene gets no names.
        Assert.Equal([(0, 0, "linear"), (0, 1, "slerp"), (0, 2, "ties")], cells);
        Assert.Contains(BestGenesPlot.FileName, RunReport.Write(view, root.Combine("out")).Files.Select(Path.GetFileName));
    }

    [Fact]
    public void The_summary_says_when_front_trials_share_objective_values()
    {
        using var root = new TempFolder();
        string path = root.Combine("shared");
        var schema = new RunSchema(["g"], [], [new ObjectiveInfo("a", true), new ObjectiveInfo("b", true)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.0]), (1, [1.0]), (2, [2.0]), (3, [3.0]));
            run.Complete(0, 0, [1.0, 1.0]);
            run.Complete(1, 0, [1.0, 1.0]);
            run.Complete(2, 0, [1.0, 1.0]);
            run.Complete(3, 0, [0.5, 0.5]);
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Assert.Contains("Pareto front: 3 trials at 1 distinct objective point (0, 1, 2)", result.Summary);
    }
}
