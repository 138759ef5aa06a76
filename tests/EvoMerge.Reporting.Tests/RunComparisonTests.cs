using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

public class RunComparisonTests
{
    private static readonly RunSchema SchemaA = new(
        ["x", "y"], ["task.a.accuracy"], [new ObjectiveInfo("acc", true), new ObjectiveInfo("loss", false)]);

    private static readonly RunSchema SchemaB = new(
        ["y", "z"], ["task.a.accuracy", "task.b.f1"], [new ObjectiveInfo("loss", false), new ObjectiveInfo("size", false)]);

    [Fact]
    public void Writes_every_fronts_rows_with_the_union_of_columns_and_blanks_where_a_run_lacks_one()
    {
        using var root = new TempFolder();
        using (var a = SyntheticRun.Create(root.Combine("run-a"), SchemaA))
        {
            a.Batch(0, (0, [0.1, 1.0 / 3]), (1, [-0.0, 2.0]), (2, [5.0, 5.0]));
            a.Complete(0, 0, [0.9, 0.3], metric: 0.9);
            a.Complete(1, 0, [0.95, 0.5], metric: 0.95);
            a.Complete(2, 0, [0.5, 0.9], metric: 0.5); // dominated
        }

        using (var b = SyntheticRun.Create(root.Combine("run,b"), SchemaB))
        {
            b.Batch(0, (0, [1e-300, 7.0]));
            b.Fail(0, 0, "boom");
            b.Batch(1, (1, [0.25, 1e21]));
            b.Complete(1, 1, [0.125, 3.0], metric: double.NaN);
        }

        var output = new StringWriter();
        RunComparison.Write([RunView.Load(root.Combine("run-a")), RunView.Load(root.Combine("run,b"))], output);

        Assert.Equal(
            "run,trial,generation,objective.acc,objective.loss,objective.size,task.a.accuracy,task.b.f1,x,y,z\n" +
            "run-a,0,0,0.9,0.3,,0.9,,0.1,0.3333333333333333,\n" +
            "run-a,1,0,0.95,0.5,,0.95,,-0,2,\n" +
            "\"run,b\",1,1,,0.125,3,,,,0.25,1E+21\n",
            output.ToString());
    }

    [Fact]
    public void Runs_with_the_same_folder_name_are_told_apart_by_their_parent()
    {
        using var root = new TempFolder();
        foreach (string parent in new[] { "nightly", "weekly" })
        {
            using var run = SyntheticRun.Create(root.Combine(parent, "demo"), SyntheticRun.Schema1("g"));
            run.Batch(0, (0, [1.0]));
            run.Complete(0, 0, [0.5]);
        }

        var output = new StringWriter();
        RunComparison.Write([RunView.Load(root.Combine("nightly", "demo")), RunView.Load(root.Combine("weekly", "demo"))], output);

        Assert.Equal(
            "run,trial,generation,objective.acc,task.t.accuracy,g\n" +
            "nightly/demo,0,0,0.5,0.5,1\n" +
            "weekly/demo,0,0,0.5,0.5,1\n",
            output.ToString());
        var twice = RunView.Load(root.Combine("weekly", "demo"));
        Assert.Throws<ArgumentException>(() => RunComparison.Write([twice, twice], new StringWriter()));
    }

    [Fact]
    public void An_objective_with_different_senses_in_two_runs_is_refused_naming_both()
    {
        using var root = new TempFolder();
        using (SyntheticRun.Create(root.Combine("up"), SyntheticRun.Schema1("g")))
        {
        }

        using (SyntheticRun.Create(root.Combine("down"), new RunSchema(["g"], [], [new ObjectiveInfo("acc", false)])))
        {
        }

        var error = Assert.Throws<InvalidDataException>(() =>
            RunComparison.Write([RunView.Load(root.Combine("up")), RunView.Load(root.Combine("down"))], new StringWriter()));
        Assert.Contains("\"acc\"", error.Message);
        Assert.Contains("'up'", error.Message);
        Assert.Contains("'down'", error.Message);
    }

    [Fact]
    public void A_gene_named_like_another_runs_metric_is_refused()
    {
        using var root = new TempFolder();
        using (SyntheticRun.Create(root.Combine("one"), SyntheticRun.Schema1("task.t.accuracy2")))
        {
        }

        using (SyntheticRun.Create(root.Combine("two"), new RunSchema(["g"], ["task.t.accuracy2"], [new ObjectiveInfo("acc", true)])))
        {
        }

        var error = Assert.Throws<InvalidDataException>(() =>
            RunComparison.Write([RunView.Load(root.Combine("one")), RunView.Load(root.Combine("two"))], new StringWriter()));
        Assert.Contains("task.t.accuracy2", error.Message);
    }
}
