using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Benchmarks;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaWithMarginTests
{
    const long Budget = 20_000;

    /// <summary>cmawm told which genes are discrete, or plain CMA-ES in the problem's box (its samples rounded by the problem).</summary>
    static IAskTellOptimizer Create(string optimizer, MixedIntegerProblem problem, ulong seed)
    {
        var cma = new CmaEsOptions { X0 = problem.X0, Sigma0 = problem.Sigma0, Bounds = problem.Box, Seed = seed, TargetValue = 1e-8, MaxEvaluations = Budget };
        return optimizer == CmaWithMargin.OptimizerName ? new CmaWithMargin(new CmaWithMarginOptions { Cma = cma, Discrete = problem.Discrete }) : new CmaEs(cma);
    }

    /// <summary>Runs to f &lt; 1e-8, the budget or a stop criterion; returns whether the optimum was found.</summary>
    static bool Solves(string optimizer, string function, int n, ulong seed)
    {
        var problem = MixedIntegerFunctions.Create(function, n);
        var opt = Create(optimizer, problem, seed);
        double best = double.PositiveInfinity;
        while (opt.Stop().Count == 0)
        {
            var batch = opt.Ask();
            var outcomes = batch.Select(c => TrialOutcome.Success(c.Id, [problem.Evaluate(c.Genes)])).ToList();
            best = Math.Min(best, outcomes.Min(o => ((TrialOutcome.Completed)o).Objectives[0]));
            opt.Tell(outcomes);
        }
        return best < 1e-8;
    }

    [Theory]
    [InlineData("onemax", 20)]
    [InlineData("leadingones", 20)]
    [InlineData("mixed-sphere", 10)]
    public void Margin_finds_the_optimum_in_every_run(string function, int n)
    {
        var seeds = Enumerable.Range(1, 5).Select(s => (ulong)s).ToList();
        Assert.All(seeds, s => Assert.True(Solves(CmaWithMargin.OptimizerName, function, n, s), $"seed {s} missed the optimum"));
    }

    [Fact]
    public void On_leading_ones_rounding_cma_es_gets_stuck_where_the_margin_does_not()
    {
        // LeadingOnes only rewards the first zero bit: the other bits drift on a plateau, and plain
        // CMA-ES lets their marginal collapse onto 0 before their turn comes.
        var seeds = Enumerable.Range(1, 10).Select(s => (ulong)s).ToList();
        int margin = seeds.Count(s => Solves(CmaWithMargin.OptimizerName, "leadingones", 20, s));
        int rounding = seeds.Count(s => Solves("cmaes", "leadingones", 20, s));
        Assert.Equal(seeds.Count, margin);
        Assert.True(rounding < margin, $"rounding CMA-ES solved {rounding} of {seeds.Count} runs, as many as CMA-ES with margin");
    }

    [Fact]
    public void Asked_discrete_genes_are_allowed_values_and_continuous_genes_stay_in_bounds()
    {
        var opt = new CmaWithMargin(new CmaWithMarginOptions
        {
            Cma = new CmaEsOptions { X0 = [0.5, 3, 1], Sigma0 = 5, Bounds = new Bounds([0, -10, 0], [1, 10, 2]), Seed = 3 },
            Discrete = [null, DiscreteValues.Integers(-10, 10), new DiscreteValues([0, 0.5, 2])],
        });
        for (int g = 0; g < 5; g++)
        {
            var batch = opt.Ask();
            foreach (var c in batch)
            {
                Assert.InRange(c.Genes[0], 0, 1);
                Assert.Equal(Math.Round(c.Genes[1]), c.Genes[1]);
                Assert.Contains(c.Genes[2], new[] { 0, 0.5, 2 });
            }
            opt.Tell(batch.Select(c => TrialOutcome.Success(c.Id, [c.Genes.Sum()])).ToList());
        }
        Assert.Equal(1.0 / (3 * opt.PopulationSize), opt.Margin);
    }

    [Fact]
    public void Best_holds_the_encoded_genes_that_were_evaluated()
    {
        var opt = Binary(4, seed: 5);
        var batch = opt.Ask();
        opt.Tell(batch.Select(c => TrialOutcome.Success(c.Id, [MixedIntegerFunctions.OneMax(c.Genes)])).ToList());
        var (genes, value) = opt.Best!.Value;
        Assert.All(genes, g => Assert.True(g is 0 or 1));
        Assert.Equal(MixedIntegerFunctions.OneMax(genes), value);
    }

    [Fact]
    public void Restored_in_the_middle_of_a_generation_asks_and_continues_like_the_original()
    {
        var original = Binary(6, seed: 9);
        for (int g = 0; g < 3; g++)
        {
            var b = original.Ask();
            original.Tell(b.Select(c => TrialOutcome.Success(c.Id, [MixedIntegerFunctions.OneMax(c.Genes)])).ToList());
        }
        var batch = original.Ask();
        original.Tell([TrialOutcome.Success(batch[0].Id, [MixedIntegerFunctions.OneMax(batch[0].Genes)])]);
        var restored = CmaWithMargin.Restore((JsonObject)JsonNode.Parse(original.ExportState().ToJsonString())!);
        for (int g = 0; g < 4; g++)
        {
            var x = original.Ask();
            var y = restored.Ask();
            Assert.Equal(x.Select(c => c.Id), y.Select(c => c.Id));
            Assert.Equal(x.SelectMany(c => c.Genes), y.SelectMany(c => c.Genes));
            original.Tell(x.Select(c => TrialOutcome.Success(c.Id, [MixedIntegerFunctions.OneMax(c.Genes)])).ToList());
            restored.Tell(y.Select(c => TrialOutcome.Success(c.Id, [MixedIntegerFunctions.OneMax(c.Genes)])).ToList());
        }
        Assert.Equal(original.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
    }

    [Fact]
    public void Invalid_options_are_reported_together()
    {
        var e = Assert.Throws<ArgumentException>(() => new CmaWithMargin(new CmaWithMarginOptions
        {
            Cma = new CmaEsOptions { X0 = [0.0, 0], Sigma0 = -1 },
            Discrete = [null],
            Margin = 0.7,
        }));
        Assert.Contains("Sigma0", e.Message);
        Assert.Contains("Discrete has 1 entries but X0 has 2 genes", e.Message);
        Assert.Contains("Margin must lie in (0, 0.5)", e.Message);
    }

    [Fact]
    public void A_state_of_another_optimizer_is_refused()
    {
        var cma = new CmaEs(new CmaEsOptions { X0 = [0.0, 0], Sigma0 = 1 });
        var e = Assert.Throws<FormatException>(() => CmaWithMargin.Restore(cma.ExportState()));
        Assert.Contains("cmaes", e.Message);
    }

    static CmaWithMargin Binary(int n, ulong seed) => new(new CmaWithMarginOptions
    {
        Cma = new CmaEsOptions { X0 = Enumerable.Repeat(0.5, n).ToArray(), Sigma0 = 0.5, Seed = seed },
        Discrete = [.. Enumerable.Range(0, n).Select(_ => DiscreteValues.Binary())],
    });
}
