using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Restarts;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class RestartTests
{
    // A flat function makes every run stop on tolfun after one generation, so each tell restarts.
    static double Flat(double[] x) => 1.0;

    static CmaRestartOptions Options(int maxRestarts = 4, long? maxEvaluations = null) => new()
    {
        Base = new CmaEsOptions { X0 = new double[5], Sigma0 = 0.3, Seed = 2, MaxEvaluations = maxEvaluations },
        MaxRestarts = maxRestarts,
    };

    [Fact]
    public void Ipop_doubles_the_population_on_every_restart_and_keeps_ids_unique()
    {
        var ipop = new IpopCmaEs(Options());
        int lambda = ipop.Current.PopulationSize;
        var sizes = new List<int>();
        var ids = new HashSet<long>();
        long expectedId = 0;
        CmaTestRuns.RunUntilStop(ipop, Flat, inspect: batch =>
        {
            sizes.Add(batch.Count);
            foreach (var c in batch) { Assert.True(ids.Add(c.Id)); Assert.Equal(expectedId++, c.Id); }
        });
        Assert.Equal([lambda, 2 * lambda, 4 * lambda, 8 * lambda, 16 * lambda], sizes);
        Assert.Equal(5, ipop.Runs);
        Assert.Contains(StopReason.Tolerance, ipop.Stop());
    }

    [Fact]
    public void Bipop_alternates_regimes_by_spent_budget_with_doubling_large_populations()
    {
        var bipop = new BipopCmaEs(Options(maxRestarts: 12));
        int lambda = bipop.Current.PopulationSize;
        var runs = new List<(bool Large, int Lambda, double Sigma0, long? Cap)>();
        runs.Add((bipop.CurrentRunIsLarge, lambda, bipop.Current.Options.Sigma0, bipop.Current.Options.MaxEvaluations));
        int seenRuns = 1;
        CmaTestRuns.RunUntilStop(bipop, Flat, inspect: _ =>
        {
            if (bipop.Runs == seenRuns) return;
            seenRuns = bipop.Runs;
            runs.Add((bipop.CurrentRunIsLarge, bipop.Current.PopulationSize, bipop.Current.Options.Sigma0, bipop.Current.Options.MaxEvaluations));
        });
        Assert.Equal(13, runs.Count);
        var large = runs.Where(r => r.Large).ToList();
        var small = runs.Where(r => !r.Large).ToList();
        Assert.NotEmpty(small);
        Assert.Equal(large.Select((_, i) => lambda << i), large.Select(r => r.Lambda));
        Assert.All(large, r => Assert.Equal(0.3, r.Sigma0));
        Assert.All(small, r => Assert.InRange(r.Sigma0, 0.003, 0.3));
        Assert.All(small, r => Assert.InRange(r.Lambda, lambda, lambda << (large.Count - 1)));
        Assert.All(small, r => Assert.NotNull(r.Cap));
        Assert.True(Math.Abs(bipop.SmallRegimeEvaluations - bipop.LargeRegimeEvaluations) <= runs.Max(r => r.Lambda),
            "the regimes share the budget");
    }

    [Fact]
    public void The_shared_budget_ends_all_runs()
    {
        var ipop = new IpopCmaEs(Options(maxRestarts: 100, maxEvaluations: 200));
        CmaTestRuns.RunUntilStop(ipop, Flat);
        Assert.Contains(StopReason.EvaluationBudget, ipop.Stop());
        Assert.True(ipop.Evaluations >= 200);
    }

    [Fact]
    public void The_first_run_is_exactly_the_plain_cma_es_run()
    {
        var options = Options();
        var ipop = new IpopCmaEs(options);
        var plain = new CmaEs(options.Base);
        Assert.Equal(plain.Ask().SelectMany(c => c.Genes), ipop.Ask().SelectMany(c => c.Genes));
    }

    [Theory]
    [InlineData("ipop")]
    [InlineData("bipop")]
    public void A_wrapper_restored_between_restarts_continues_bit_for_bit(string kind)
    {
        RestartingCmaEs Create() => kind == "ipop" ? new IpopCmaEs(Options(maxRestarts: 8)) : new BipopCmaEs(Options(maxRestarts: 8));
        RestartingCmaEs Restore(JsonObject s) => kind == "ipop" ? IpopCmaEs.Restore(s) : BipopCmaEs.Restore(s);
        double Bumpy(double[] x) => Math.Floor(x.Sum(v => v * v)); // mostly flat: runs end on tolfun every few generations
        var original = Create();
        for (int g = 0; g < 5; g++) { var b = original.Ask(); original.Tell(b.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [Bumpy(c.Genes)])).ToList()); }
        var batch = original.Ask();
        original.Tell([TrialOutcome.Success(batch[0].Id, [Bumpy(batch[0].Genes)])]);
        var restored = Restore((JsonObject)JsonNode.Parse(original.ExportState().ToJsonString())!);
        int runsAtRestore = original.Runs;
        var rest = batch.Skip(1).Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [Bumpy(c.Genes)])).ToList();
        original.Tell(rest);
        restored.Tell(rest);
        for (int g = 0; g < 12; g++)
        {
            var x = original.Ask();
            var y = restored.Ask();
            Assert.Equal(x.Select(c => c.Id), y.Select(c => c.Id));
            Assert.Equal(x.SelectMany(c => c.Genes), y.SelectMany(c => c.Genes));
            original.Tell(x.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [Bumpy(c.Genes)])).ToList());
            restored.Tell(y.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, [Bumpy(c.Genes)])).ToList());
        }
        Assert.True(original.Runs > runsAtRestore, "the scenario should restart after the restore");
        Assert.Equal(original.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
    }
}
