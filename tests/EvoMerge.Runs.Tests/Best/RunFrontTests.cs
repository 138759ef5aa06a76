using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Best;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

public class RunFrontTests
{
    static readonly RunSchema TwoMaximized = new(["g0", "g1", "g2"], [], [new ObjectiveInfo("wine_a", true), new ObjectiveInfo("wine_b", true)]);

    [Fact]
    public void A_dominated_trial_reaching_an_objectives_maximum_first_is_not_its_best()
    {
        // The reported NSGA-II case: (0.944, 0.000) reached 0.944 first, but (0.944, 0.625) dominates it.
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 4),
            Samples.Completed(0, 0, 0.944, 0.000),
            Samples.Completed(1, 0, 0.500, 0.900),
            Samples.Completed(2, 0, 0.944, 0.625),
            Samples.Completed(3, 0, 0.800, 0.800),
        ]);

        var picks = RunFront.Picks(state, TwoMaximized).ToDictionary(p => p.Name, p => p.Trial.TrialId);

        Assert.Equal(2L, picks["wine_a"]);
        Assert.Equal(1L, picks["wine_b"]);
        // Normalized over the front {1, 2, 3}: trial 3 is at (0.677, 0.636) from the ideal (1, 1), the closest.
        Assert.Equal(3L, picks[RunFront.BalancedName]);
    }

    [Fact]
    public void Ties_go_to_the_trial_better_on_the_other_objectives_then_to_the_lowest_id()
    {
        var schema = new RunSchema(["g0", "g1", "g2"], [], [new ObjectiveInfo("x", true), new ObjectiveInfo("y", true), new ObjectiveInfo("z", false)]);
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 5),
            // Trials 0 and 1 tie on x; normalized over the front, y + z (z minimized) is 0 + 0.8 for trial 0 and 0.875 + 0 for trial 1.
            Samples.Completed(0, 0, 1, 0.2, 0.2),
            Samples.Completed(1, 0, 1, 0.9, 1.0),
            Samples.Completed(2, 0, 0, 1.0, 0.0),
            // Trial 3 equals trial 2 in everything: the lower id wins y and z.
            Samples.Completed(3, 0, 0, 1.0, 0.0),
            // A dominated trial: never picked.
            Samples.Completed(4, 0, -1, 0.0, 5.0),
        ]);

        var picks = RunFront.Picks(state, schema).ToDictionary(p => p.Name, p => p.Trial.TrialId);

        Assert.Equal(1L, picks["x"]);
        Assert.Equal(2L, picks["y"]);
        Assert.Equal(2L, picks["z"]);
    }

    [Fact]
    public void Non_finite_objectives_are_never_ranked_and_one_objective_has_no_balanced_pick()
    {
        var schema = new RunSchema(["g0", "g1", "g2"], [], [new ObjectiveInfo("accuracy", true)]);
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 5),
            Samples.Completed(0, 0, 0.5),
            Samples.Completed(1, 0, double.PositiveInfinity),
            Samples.Completed(2, 0, double.NaN),
            Samples.Completed(3, 0, 0.7),
            Samples.Completed(4, 0, 0.7),
        ]);

        var picks = RunFront.Picks(state, schema);

        Assert.Equal([("accuracy", 3L)], picks.Select(p => (p.Name, p.Trial.TrialId)));
        Assert.Empty(RunFront.Picks(RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Failed(0, 0)]), TwoMaximized));
    }
}
