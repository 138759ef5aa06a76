using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class M2N2BehaviourTests
{
    static M2N2 Fresh(M2N2Options? options = null) =>
        new([[1.0, 2.0], [3.0, -1.0]], examples: 2, options ?? new M2N2Options(), new Rng(1));

    [Fact]
    public void The_first_ask_hands_out_the_seed_models_and_places_them_in_empty_slots()
    {
        var m2n2 = Fresh();
        var seeds = m2n2.Ask();
        Assert.Equal(new[] { 0L, 1L }, seeds.Select(c => c.Id));
        Assert.Equal(new[] { 1.0, 2.0 }, seeds[0].Genes);
        m2n2.Tell([TrialOutcome.Success(0, [-0.5], [1, 0]), TrialOutcome.Success(1, [-0.5], [0, 1])]);
        Assert.Equal(new[] { 1.0, 2.0 }, m2n2.ArchiveVector(0).ToArray());
        Assert.Equal(new[] { 3.0, -1.0 }, m2n2.ArchiveVector(1).ToArray());
        // Untouched slots stay zero vectors with zero scores.
        Assert.All(Enumerable.Range(2, 18), k => Assert.Equal(new double[2], m2n2.ArchiveVector(k).ToArray()));
        Assert.Equal(new double[] { 1, 1 }, m2n2.CompetitionFitness()[..2]);
    }

    [Fact]
    public void A_failed_child_is_discarded()
    {
        var m2n2 = Fresh(new M2N2Options { ArchiveSize = 2 });
        var seeds = m2n2.Ask();
        m2n2.Tell([TrialOutcome.Success(0, [-0.5], [1, 0]), TrialOutcome.Success(1, [-0.5], [0, 1])]);
        var before = Enumerable.Range(0, 2).Select(k => m2n2.ArchiveVector(k).ToArray()).ToArray();
        var child = m2n2.Ask().Single();
        m2n2.Tell([TrialOutcome.Failure(child.Id, "crashed")]);
        Assert.Equal(before, Enumerable.Range(0, 2).Select(k => m2n2.ArchiveVector(k).ToArray()).ToArray());
        Assert.Equal(3, m2n2.Evaluations);
        Assert.Equal(1, m2n2.Failures);
    }

    [Fact]
    public void Completed_outcomes_without_valid_per_example_scores_are_rejected()
    {
        var m2n2 = Fresh();
        var seeds = m2n2.Ask();
        Assert.Throws<ArgumentException>(() => m2n2.Tell([TrialOutcome.Success(0, [0.0])]));
        Assert.Throws<ArgumentException>(() => m2n2.Tell([TrialOutcome.Success(0, [0.0], [1])]));
        Assert.Throws<ArgumentException>(() => m2n2.Tell([TrialOutcome.Success(0, [0.0], [1, -1])]));
        Assert.Throws<ArgumentException>(() => m2n2.Tell([TrialOutcome.Success(0, [0.0], [1, double.NaN])]));
        // A rejected call leaves nothing half-told.
        m2n2.Tell([TrialOutcome.Success(0, [0.0], [1, 0]), TrialOutcome.Success(1, [0.0], [0, 1])]);
    }

    [Fact]
    public void Asking_again_before_the_batch_is_told_is_refused()
    {
        var m2n2 = Fresh();
        m2n2.Ask();
        Assert.Throws<InvalidOperationException>(() => m2n2.Ask());
    }

    [Fact]
    public void Best_follows_objective_zero_and_stop_honours_the_budget()
    {
        var m2n2 = Fresh(new M2N2Options { MaxEvaluations = 3 });
        m2n2.Ask();
        m2n2.Tell([TrialOutcome.Success(0, [-0.2, 9], [1, 0]), TrialOutcome.Success(1, [-0.7, 0], [0, 1])]);
        Assert.Equal(-0.7, m2n2.Best!.Value.Value);
        Assert.Equal(new[] { 3.0, -1.0 }, m2n2.Best!.Value.Genes);
        Assert.Empty(m2n2.Stop());
        var child = m2n2.Ask().Single();
        m2n2.Tell([TrialOutcome.Success(child.Id, [0.0], [0, 0])]);
        Assert.Contains(StopReason.EvaluationBudget, m2n2.Stop());
    }

    [Fact]
    public void Invalid_construction_is_rejected_with_clear_errors()
    {
        Assert.Throws<ArgumentException>(() => new M2N2([], 2, new M2N2Options(), new Rng(1)));
        Assert.Throws<ArgumentException>(() => new M2N2([[1.0], [1.0, 2.0]], 2, new M2N2Options(), new Rng(1)));
        Assert.Throws<ArgumentException>(() => new M2N2([[1.0]], 2, new M2N2Options { Alpha = -1 }, new Rng(1)));
        Assert.Throws<ArgumentException>(() => new M2N2([[1.0, 2.0]], 2, new M2N2Options { SegmentStarts = [1] }, new Rng(1)));
        Assert.Throws<ArgumentException>(() => new M2N2([[1.0, 2.0]], 2, new M2N2Options { SegmentStarts = [0, 2] }, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new M2N2([[1.0]], 0, new M2N2Options(), new Rng(1)));
        Assert.Throws<ArgumentException>(() => new M2N2([[1.0], [2.0], [3.0]], 2, new M2N2Options { ArchiveSize = 2 }, new Rng(1)));
    }

    [Fact]
    public void State_of_a_large_archive_is_compact_and_exact()
    {
        const int dimension = 19_210;
        var m2n2 = M2N2.FromRandomSeeds(dimension, examples: 50, new M2N2Options(), new Rng(2));
        var seeds = m2n2.Ask();
        m2n2.Tell(seeds.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [0.0], Enumerable.Repeat(1.0, 50).ToArray())).ToList());
        string text = m2n2.ExportState().ToJsonString();
        // 20 slots plus the best genes, 19,210 doubles each, as base64: 21 x 205 kB = 4.3 MB;
        // round-trip JSON numbers (~22 characters each) would take about 8.9 MB.
        Assert.InRange(text.Length, 4_200_000, 4_500_000);
        var restored = M2N2.Restore((JsonObject)JsonNode.Parse(text)!);
        Assert.Equal(m2n2.ArchiveVector(0).ToArray(), restored.ArchiveVector(0).ToArray());
        Assert.Equal(text, restored.ExportState().ToJsonString());
    }

    [Fact]
    public void Restore_refuses_other_optimizers_and_versions()
    {
        var state = Fresh().ExportState();
        state["optimizer"] = "cmaes";
        Assert.Throws<ArgumentException>(() => M2N2.Restore(state));
        state["optimizer"] = "m2n2";
        state["version"] = 99;
        Assert.Throws<ArgumentException>(() => M2N2.Restore(state));
    }
}
