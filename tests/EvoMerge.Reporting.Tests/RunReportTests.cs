using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

public class RunReportTests
{
    [Fact]
    public void One_objective_writes_best_objectives_and_genes_and_names_the_best_trial()
    {
        using var root = new TempFolder();
        string path = root.Combine("single");
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1("layers_0-1.a.weight", "layers_2-3.a.weight")))
        {
            run.Batch(0, (0, [0.1, 0.9]), (1, [0.2, 0.8]), (2, [0.3, 0.7]));
            run.Complete(0, 0, [0.61]);
            run.Fail(1, 0, "timeout after 30 s");
            run.Complete(2, 0, [0.83]);
            run.Batch(1, (3, [0.4, 0.6]), (4, [0.5, 0.5]));
            run.Complete(3, 1, [0.79]);
            run.Fail(4, 1, "timeout after 30 s\n  at Evaluator.Run()");
            run.Finish();
        }

        var view = RunView.Load(path);
        var result = RunReport.Write(view, RunReport.DefaultFolder(view));

        string report = Path.Combine(path, "report");
        Assert.Equal([Path.Combine(report, "best_objectives.png"), Path.Combine(report, "best_genes.png")], result.Files);
        foreach (string file in result.Files)
        {
            Png.RequireValid(file);
        }

        Assert.False(File.Exists(Path.Combine(report, "pareto_front.png")));
        Assert.Equal(result.Files.Select(Path.GetFileName).Order(), Directory.GetFiles(report).Select(Path.GetFileName).Order());
        Assert.Contains("Run single (finished: budget: evaluations)", result.Summary);
        Assert.Contains("5 evaluated (3 completed, 2 failed), 0 pending", result.Summary);
        Assert.Contains("2 x timeout after 30 s", result.Summary);
        Assert.Contains("acc (maximize): 0.83 at trial 2 (generation 0)", result.Summary);
        Assert.Contains("genes: layers_0-1.a.weight=0.3, layers_2-3.a.weight=0.7", result.Summary);
        Assert.Contains("Generations: 2 (0 to 1)", result.Summary);
        Assert.Contains("single objective", result.Summary);
        Assert.DoesNotContain("Pareto front:", result.Summary);
    }

    [Fact]
    public void Two_objectives_write_the_pareto_front_and_report_front_size_and_hypervolume()
    {
        using var root = new TempFolder();
        string path = root.Combine("pair");
        var schema = new RunSchema(["x", "y"], ["task.a.accuracy"], [new ObjectiveInfo("acc", true), new ObjectiveInfo("loss", false)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.0, 1.0]), (1, [1.0, 0.0]), (2, [0.5, 0.5]), (3, [0.2, 0.2]));
            run.Complete(0, 0, [0.9, 3.0]);
            run.Complete(1, 0, [0.6, 1.0]);
            run.Complete(2, 0, [0.5, 2.0]); // dominated by 1
            run.Complete(3, 0, [0.8, 2.0]);
        }

        var view = RunView.Load(path);
        var result = RunReport.Write(view, root.Combine("out"));

        Assert.Equal(["best_objectives.png", "pareto_front.png", "best_genes.png"], result.Files.Select(Path.GetFileName));
        foreach (string file in result.Files)
        {
            Png.RequireValid(file);
        }

        Assert.Contains("in progress or stopped", result.Summary);
        Assert.Contains("acc (maximize): 0.9 at trial 0", result.Summary);
        Assert.Contains("loss (minimize): 1 at trial 1", result.Summary);
        Assert.Contains("Pareto front: 3 trials (0, 1, 3)", result.Summary);
        // Reference: worst moved a tenth of the range toward worse: acc 0.5 - 0.04, loss 3 + 0.2. Minimized front
        // (-0.9,3) (-0.8,2) (-0.6,1) against (-0.46,3.2): 0.44*0.2 + 0.34*1 + 0.14*1 = 0.568. The text once said
        // "plus a tenth" next to 0.46, below the worst accuracy 0.5.
        Assert.Contains("hypervolume: 0.568 (reference point acc 0.46, loss 3.2: each objective's worst completed value moved a tenth of its range further toward worse)", result.Summary);
    }

    [Fact]
    public void Three_objectives_draw_pairwise_projections_and_say_so()
    {
        using var root = new TempFolder();
        string path = root.Combine("triple");
        var schema = new RunSchema(["g"], [], [new ObjectiveInfo("a", true), new ObjectiveInfo("b", true), new ObjectiveInfo("c", false)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.0]), (1, [1.0]), (2, [2.0]));
            run.Complete(0, 0, [1.0, 0.0, 1.0]);
            run.Complete(1, 0, [0.0, 1.0, 1.0]);
            run.Complete(2, 0, [0.0, 0.0, 2.0]);
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Assert.Equal(["best_objectives.png", "pareto_front.png", "best_genes.png"], result.Files.Select(Path.GetFileName));
        var (width, height) = Png.RequireValid(result.Files[1]);
        Assert.True(width > 2 * height, $"three panels side by side, got {width}x{height}");
        Assert.Contains("pareto_front.png shows 3 of 3 objective pairs", result.Summary);
        Assert.Contains("Pareto front: 2 trials (0, 1)", result.Summary);
        // Minimized front (-1,0,1) (0,-1,1) against (0.1,0.1,2.1): two 1.1*0.1*1.1 boxes overlapping in 0.1*0.1*1.1.
        Assert.Contains("hypervolume: 0.231 (reference", result.Summary);
    }

    [Fact]
    public void Four_objectives_are_plotted_without_hypervolume()
    {
        using var root = new TempFolder();
        string path = root.Combine("four");
        var schema = new RunSchema(["g"], [], Enumerable.Range(0, 4).Select(k => new ObjectiveInfo($"o{k}", k % 2 == 0)).ToList());
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.5]), (1, [0.5])); // equal genes: a heatmap with one colour
            run.Complete(0, 0, [1.0, 1.0, 1.0, 1.0]);
            run.Complete(1, 0, [2.0, 2.0, 2.0, 2.0]);
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Assert.Equal(3, result.Files.Count);
        Assert.Contains("shows 3 of 6 objective pairs", result.Summary);
        Assert.Contains("hypervolume: not computed, hypervolume is computed for 2 or 3 objectives, this run has 4", result.Summary);
    }

    [Fact]
    public void A_run_whose_trials_all_failed_gets_a_summary_and_no_plots()
    {
        using var root = new TempFolder();
        string path = root.Combine("broken");
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1("g")))
        {
            run.Batch(0, (0, [0.0]), (1, [1.0]), (2, [2.0]));
            run.Fail(0, 0, "NaN metric");
            run.Fail(1, 0, "out of memory");
            run.Fail(2, 0, "NaN metric");
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Assert.Empty(result.Files);
        Assert.Empty(Directory.GetFiles(root.Combine("out")));
        Assert.Contains("3 evaluated (0 completed, 3 failed)", result.Summary);
        Assert.Contains("  2 x NaN metric\n  1 x out of memory\n", result.Summary);
        Assert.Contains("acc (maximize): no completed trial with a value yet", result.Summary);
        Assert.Contains("no plots: the run has no completed trial yet", result.Summary);
    }

    [Fact]
    public void Completed_trials_without_a_number_draw_an_empty_curve_and_no_gene_plot()
    {
        using var root = new TempFolder();
        string path = root.Combine("nan");
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1("g")))
        {
            run.Batch(0, (0, [0.0]), (1, [1.0]));
            run.Complete(0, 0, [double.NaN]);
            run.Fail(1, 0, "boom");
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Png.RequireValid(result.Files.Single());
        Assert.Contains("acc (maximize): no completed trial with a value yet", result.Summary);
        Assert.Contains("no best_genes.png: no completed trial has a number for every objective", result.Summary);
    }

    [Fact]
    public void A_run_in_progress_with_a_torn_last_line_is_reported_as_such()
    {
        using var root = new TempFolder();
        string path = root.Combine("live");
        using var run = SyntheticRun.Create(path, SyntheticRun.Schema1("g"));
        run.Batch(0, (0, [0.0]), (1, [1.0]));
        run.Complete(0, 0, [0.25]);
        run.Folder.Journal.Commit();
        File.AppendAllText(Path.Combine(path, RunJournal.FileName), "{\"seq\":3,\"ty");

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        Assert.Equal(2, result.Files.Count);
        Assert.Contains("in progress or stopped; journal line 4 incomplete, ignored", result.Summary);
        Assert.Contains("1 evaluated (1 completed, 0 failed), 1 pending", result.Summary);
    }

    [Fact]
    public void A_hundred_genes_make_a_wide_gene_plot()
    {
        using var root = new TempFolder();
        string path = root.Combine("wide");
        var genes = Enumerable.Range(0, 100).Select(i => $"layers_{i}-{i}.model_b.weight").ToArray();
        using (var run = SyntheticRun.Create(path, SyntheticRun.Schema1(genes)))
        {
            run.Batch(0, Enumerable.Range(0, 30).Select(i => ((long)i, genes.Select((_, g) => Math.Sin(i + g * 0.1)).ToArray())).ToArray());
            for (int i = 0; i < 30; i++)
            {
                run.Complete(i, 0, [i % 7 / 7.0]);
            }
        }

        var result = RunReport.Write(RunView.Load(path), root.Combine("out"));

        var (width, _) = Png.RequireValid(result.Files.Single(f => f.EndsWith("best_genes.png", StringComparison.Ordinal)));
        Assert.True(width >= 1500, $"width {width}");
        Assert.Contains("... (92 more in trials.csv)", result.Summary);
    }
}
