using EvoMerge.Core.Optimization;
using EvoMerge.Core.Pareto;
using EvoMerge.Optimizers.MultiObjective;
using Xunit.Abstractions;

namespace EvoMerge.Optimizers.Tests.MultiObjective;

public class Nsga2Tests(ITestOutputHelper output)
{
    static void RunZdt1(Nsga2 nsga, int generations)
    {
        for (int g = 0; g < generations; g++)
        {
            var batch = nsga.Ask();
            nsga.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, Zdt1.Evaluate(c.Genes))).ToList());
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Zdt1_front_reaches_nearly_the_true_hypervolume_in_about_10k_evaluations(ulong seed)
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(10, 0, 1), Objectives = 2, PopulationSize = 100, Seed = seed });
        RunZdt1(nsga, 100); // 100 × 100 = 10,000 evaluations
        var front = nsga.CurrentFront.Select(m => m.Objectives!.ToArray()).ToList();
        double hv = Hypervolume.Compute(front, new[] { 1.1, 1.1 });
        output.WriteLine($"seed {seed}: {front.Count} front points, hypervolume {hv:F5} (true front {Zdt1.TrueHypervolume:F5})");
        Assert.True(hv > 0.85, $"hypervolume {hv} (true front {Zdt1.TrueHypervolume:F4})");
        Assert.True(hv <= Zdt1.TrueHypervolume + 1e-12);
    }

    [Fact]
    public void First_front_is_mutually_non_dominated_and_ranks_are_consistent()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(5, 0, 1), Objectives = 2, PopulationSize = 20, Seed = 3 });
        RunZdt1(nsga, 5);
        var population = nsga.Population;
        Assert.Equal(20, population.Count);
        var points = population.Select(p => p.Objectives!.ToArray()).ToList();
        var fronts = NonDominatedSorting.Sort(points);
        for (int i = 0; i < population.Count; i++)
            Assert.Equal(population[i].Rank, Enumerable.Range(0, fronts.Count).First(f => fronts[f].Contains(i)));
    }

    [Fact]
    public void With_one_objective_environmental_selection_keeps_the_best_of_parents_and_offspring()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(3, -1, 1), Objectives = 1, PopulationSize = 6, Seed = 4 });
        static double Sphere(double[] x) => x.Sum(v => v * v);
        for (int g = 0; g < 6; g++)
        {
            var parents = nsga.Population.Select(p => p.Objectives![0]).ToList();
            var batch = nsga.Ask();
            var values = batch.Select(c => Sphere(c.Genes)).ToList();
            nsga.Tell(batch.Select((c, i) => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { values[i] })).ToList());
            var expected = parents.Concat(values).OrderBy(v => v).Take(6);
            Assert.Equal(expected, nsga.Population.Select(p => p.Objectives![0]).OrderBy(v => v));
        }
    }

    [Fact]
    public void Failed_trials_are_dominated_by_everything_and_do_not_survive_when_enough_succeed()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(4, 0, 1), Objectives = 2, PopulationSize = 10, Seed = 5 });
        var first = nsga.Ask();
        nsga.Tell(first.Select((c, i) => i % 2 == 0
            ? (TrialOutcome)TrialOutcome.Failure(c.Id, "out of memory")
            : TrialOutcome.Success(c.Id, Zdt1.Evaluate(c.Genes))).ToList());
        int worstCompletedRank = nsga.Population.Where(p => !p.IsFailed).Max(p => p.Rank);
        Assert.All(nsga.Population.Where(p => p.IsFailed), p => Assert.True(p.Rank > worstCompletedRank));
        Assert.Equal(5, nsga.Population.Count(p => p.IsFailed));

        var second = nsga.Ask();
        // A non-finite objective also counts as a failure.
        nsga.Tell(second.Select((c, i) => i == 0
            ? (TrialOutcome)TrialOutcome.Success(c.Id, new[] { double.NaN, 0 })
            : TrialOutcome.Success(c.Id, Zdt1.Evaluate(c.Genes))).ToList());
        Assert.DoesNotContain(nsga.Population, p => p.IsFailed); // 5 + 9 completed ≥ 10 places
    }

    [Fact]
    public void Best_is_the_best_on_the_first_objective()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(4, 0, 1), Objectives = 2, PopulationSize = 8, Seed = 6 });
        var seen = new List<(double[] Genes, double[] F)>();
        for (int g = 0; g < 3; g++)
        {
            var batch = nsga.Ask();
            seen.AddRange(batch.Select(c => (c.Genes, Zdt1.Evaluate(c.Genes))));
            nsga.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, Zdt1.Evaluate(c.Genes))).ToList());
        }
        var best = seen.MinBy(s => s.F[0]);
        Assert.Equal(best.F[0], nsga.Best!.Value.Value);
        Assert.Equal(best.Genes, nsga.Best!.Value.Genes);
    }

    [Fact]
    public void Restore_after_failures_continues_identically_from_text_or_memory()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(4, 0, 1), Objectives = 2, PopulationSize = 8, Seed = 8 });
        for (int g = 0; g < 3; g++)
        {
            var batch = nsga.Ask();
            nsga.Tell(batch.Select((c, i) => i % 3 == 0
                ? (TrialOutcome)TrialOutcome.Failure(c.Id, "x")
                : TrialOutcome.Success(c.Id, Zdt1.Evaluate(c.Genes))).ToList());
        }
        var fromText = Nsga2.Restore((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(nsga.ExportState().ToJsonString())!);
        var fromMemory = Nsga2.Restore(nsga.ExportState());
        foreach (var restored in new[] { fromText, fromMemory })
            Assert.Equal(nsga.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
        var expected = nsga.Ask().SelectMany(c => c.Genes).Select(BitConverter.DoubleToInt64Bits).ToArray();
        Assert.Equal(expected, fromText.Ask().SelectMany(c => c.Genes).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected, fromMemory.Ask().SelectMany(c => c.Genes).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Wrong_objective_counts_and_invalid_options_are_rejected()
    {
        var nsga = new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(2, 0, 1), Objectives = 2, PopulationSize = 4, Seed = 7 });
        var batch = nsga.Ask();
        Assert.Throws<ArgumentException>(() => nsga.Tell(new[] { TrialOutcome.Success(batch[0].Id, new[] { 1.0 }) }));
        Assert.Throws<InvalidOperationException>(() => nsga.Ask());
        Assert.Equal(4, nsga.Pending.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(2, 0, 1), Objectives = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(2, 0, 1), Objectives = 2, PopulationSize = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(2, 0, 1), Objectives = 2, CrossoverProbability = -0.1 }));
    }
}
