using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Tests.Contract;

/// <summary>
/// The rules every optimizer follows. Each optimizer gets a subclass that says how to build one on
/// a small problem and how to restore one from exported state; the suite does the rest.
/// </summary>
public abstract class OptimizerContractTests
{
    /// <summary>A fresh optimizer on a problem with <paramref name="dimension"/> genes in [-5, 5].</summary>
    protected abstract IAskTellOptimizer Create(int dimension, ulong seed);

    /// <summary>Rebuild from <see cref="IAskTellOptimizer.ExportState"/>.</summary>
    protected abstract IAskTellOptimizer Restore(JsonObject state);

    /// <summary>Number of objectives the optimizer expects in each outcome.</summary>
    protected virtual int Objectives => 1;

    /// <summary>Whether the optimizer uses per-example scores (M2N2); the suite then supplies them.</summary>
    protected virtual int PerExampleScores => 0;

    protected const int Dim = 4;

    // A deterministic test function: shifted sphere per objective; per-example scores are
    // thresholds on the genes so they vary between candidates.
    protected TrialOutcome Evaluate(Candidate c)
    {
        var objectives = new double[Objectives];
        for (int k = 0; k < objectives.Length; k++)
            objectives[k] = c.Genes.Select((g, i) => (g - 0.3 * (k + 1) - 0.1 * i) * (g - 0.3 * (k + 1) - 0.1 * i)).Sum();
        double[]? scores = null;
        if (PerExampleScores > 0)
        {
            scores = new double[PerExampleScores];
            for (int j = 0; j < scores.Length; j++)
                scores[j] = c.Genes[j % c.Genes.Length] > (j * 0.37 % 1.0) - 0.5 ? 1 : 0;
        }
        return TrialOutcome.Success(c.Id, objectives, scores);
    }

    protected void RunGenerations(IAskTellOptimizer opt, int generations)
    {
        for (int g = 0; g < generations; g++)
        {
            var batch = opt.Ask();
            opt.Tell(batch.Select(Evaluate).ToList());
        }
    }

    [Fact]
    public void Ask_returns_candidates_with_unique_ids_and_the_right_dimension()
    {
        var opt = Create(Dim, 1);
        var seen = new HashSet<long>();
        for (int g = 0; g < 3; g++)
        {
            var batch = opt.Ask();
            Assert.NotEmpty(batch);
            foreach (var c in batch)
            {
                Assert.Equal(Dim, c.Genes.Length);
                Assert.All(c.Genes, x => Assert.True(double.IsFinite(x)));
                Assert.True(seen.Add(c.Id), $"id {c.Id} issued twice");
            }
            opt.Tell(batch.Select(Evaluate).ToList());
        }
    }

    [Fact]
    public void Tell_rejects_ids_it_did_not_issue()
    {
        var opt = Create(Dim, 2);
        var batch = opt.Ask();
        long bogus = batch.Max(c => c.Id) + 1000;
        Assert.Throws<ArgumentException>(() =>
            opt.Tell(new[] { TrialOutcome.Success(bogus, new double[Objectives]) }));
    }

    [Fact]
    public void Tell_rejects_an_id_told_twice()
    {
        var opt = Create(Dim, 3);
        var batch = opt.Ask();
        var first = Evaluate(batch[0]);
        opt.Tell(new[] { first });
        Assert.Throws<ArgumentException>(() => opt.Tell(new[] { first }));
    }

    [Fact]
    public void Same_seed_gives_identical_asks_and_different_seed_differs()
    {
        var a = Create(Dim, 7);
        var b = Create(Dim, 7);
        var c = Create(Dim, 8);
        RunGenerations(a, 3); RunGenerations(b, 3); RunGenerations(c, 3);
        var na = a.Ask(); var nb = b.Ask(); var nc = c.Ask();
        Assert.Equal(Flatten(na), Flatten(nb));
        Assert.NotEqual(Flatten(na), Flatten(nc));
    }

    [Fact]
    public void Restored_optimizer_continues_exactly_like_the_original()
    {
        var original = Create(Dim, 11);
        RunGenerations(original, 4);
        var state = original.ExportState();
        // Round-trip through text, as a checkpoint file would.
        var restored = Restore((JsonObject)JsonNode.Parse(state.ToJsonString())!);
        for (int g = 0; g < 4; g++)
        {
            var x = original.Ask();
            var y = restored.Ask();
            Assert.Equal(x.Select(c => c.Id), y.Select(c => c.Id));
            Assert.Equal(Flatten(x), Flatten(y));
            original.Tell(x.Select(Evaluate).ToList());
            restored.Tell(y.Select(Evaluate).ToList());
        }
        Assert.Equal(original.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
    }

    [Fact]
    public void Restore_in_the_middle_of_a_generation_keeps_pending_candidates()
    {
        var original = Create(Dim, 12);
        RunGenerations(original, 2);
        var batch = original.Ask();
        original.Tell(new[] { Evaluate(batch[0]) });
        var restored = Restore((JsonObject)JsonNode.Parse(original.ExportState().ToJsonString())!);
        var rest = batch.Skip(1).Select(Evaluate).ToList();
        original.Tell(rest);
        restored.Tell(rest);
        Assert.Equal(Flatten(original.Ask()), Flatten(restored.Ask()));
    }

    [Fact]
    public void Failed_trials_are_accepted_and_the_run_goes_on()
    {
        var opt = Create(Dim, 13);
        for (int g = 0; g < 3; g++)
        {
            var batch = opt.Ask();
            opt.Tell(batch.Select((c, i) => i % 2 == 0 ? TrialOutcome.Failure(c.Id, "evaluator crashed") : Evaluate(c)).ToList());
        }
        var next = opt.Ask();
        Assert.All(next.SelectMany(c => c.Genes), x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Export_state_is_versioned()
    {
        var state = Create(Dim, 14).ExportState();
        Assert.True(state.ContainsKey("version"), "state must carry a version field");
        Assert.True(state.ContainsKey("optimizer"), "state must name the optimizer");
    }

    [Fact]
    public void Best_improves_on_a_simple_problem()
    {
        var opt = Create(Dim, 15);
        RunGenerations(opt, 1);
        double early = opt.Best!.Value.Value;
        RunGenerations(opt, 40);
        Assert.True(opt.Best!.Value.Value <= early);
    }

    static double[] Flatten(IReadOnlyList<Candidate> batch) => batch.SelectMany(c => c.Genes).ToArray();
}
