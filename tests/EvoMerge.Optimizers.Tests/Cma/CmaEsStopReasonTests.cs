using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaEsStopReasonTests
{
    static CmaEsOptions Options(int n = 5) => new() { X0 = Enumerable.Repeat(1.0, n).ToArray(), Sigma0 = 0.5, Seed = 9 };

    [Fact]
    public void Nothing_stops_a_fresh_optimizer()
    {
        Assert.Empty(new CmaEs(Options()).Stop());
    }

    [Fact]
    public void A_flat_function_stops_on_tolfun()
    {
        var es = new CmaEs(Options());
        int generations = CmaTestRuns.RunUntilStop(es, _ => 42.0, maxGenerations: 50);
        Assert.Equal(1, generations);
        Assert.Contains("tolfun", es.StopCriteria().Keys);
        Assert.Contains(StopReason.Tolerance, es.Stop());
    }

    [Fact]
    public void The_evaluation_budget_stops_the_run()
    {
        var es = new CmaEs(Options() with { MaxEvaluations = 50 });
        CmaTestRuns.RunUntilStop(es, CmaTestRuns.Sphere);
        Assert.Equal([StopReason.EvaluationBudget], es.Stop());
        Assert.InRange(es.Evaluations, 50, 50 + es.PopulationSize - 1);
    }

    [Fact]
    public void Reaching_the_target_stops_the_run()
    {
        var es = new CmaEs(Options() with { TargetValue = 1e-3 });
        CmaTestRuns.RunUntilStop(es, CmaTestRuns.Sphere);
        Assert.Contains(StopReason.TargetReached, es.Stop());
        Assert.True(es.Best!.Value.Value <= 1e-3);
    }

    [Fact]
    public void Without_target_the_sphere_run_ends_on_a_tolerance()
    {
        var es = new CmaEs(Options());
        CmaTestRuns.RunUntilStop(es, CmaTestRuns.Sphere, maxGenerations: 5000);
        Assert.Contains(StopReason.Tolerance, es.Stop());
        Assert.True(es.Best!.Value.Value < 1e-9);
    }

    [Fact]
    public void The_generation_budget_stops_the_run()
    {
        var es = new CmaEs(Options() with { MaxGenerations = 7 });
        Assert.Equal(7, CmaTestRuns.RunUntilStop(es, CmaTestRuns.Sphere));
        Assert.Equal([StopReason.GenerationBudget], es.Stop());
    }
}
