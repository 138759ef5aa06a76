using EvoMerge.Reporting.Analysis;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Reporting.Tests;

public class BestSoFarTests
{
    [Fact]
    public void Failed_trials_count_as_evaluations_but_never_improve_and_each_objective_keeps_its_sense()
    {
        using var root = new TempFolder();
        string path = root.Combine("run");
        var schema = new RunSchema(["g"], [], [new ObjectiveInfo("acc", true), new ObjectiveInfo("loss", false)]);
        using (var run = SyntheticRun.Create(path, schema))
        {
            run.Batch(0, (0, [0.0]), (1, [0.0]), (2, [0.0]), (3, [0.0]), (4, [0.0]));
            run.Fail(0, 0, "boom");
            run.Complete(1, 0, [0.5, 2.0]);
            run.Fail(2, 0, "boom");
            run.Complete(3, 0, [0.4, 1.0]);
            run.Complete(4, 0, [0.7, double.NaN]);
        }

        var view = RunView.Load(path);

        Assert.Equal([double.NaN, 0.5, 0.5, 0.5, 0.7], BestSoFar.Of(view, 0));
        Assert.Equal([double.NaN, 2.0, 2.0, 1.0, 1.0], BestSoFar.Of(view, 1));
        // Trial 4 has a NaN objective: it cannot be ranked, so it is no "best" (the same rule as best/ of the run).
        Assert.Equal(1L, BestTrials.Best(view, 0)!.TrialId);
        Assert.Equal(3L, BestTrials.Best(view, 1)!.TrialId);
    }
}
