using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaEsFailureTests
{
    static CmaEs Create() => new(new CmaEsOptions { X0 = [0.0, 0, 0, 0], Sigma0 = 1, Mode = CmaCovarianceMode.Full, Seed = 31 });

    [Fact]
    public void Failed_candidates_rank_behind_every_success_in_ask_order()
    {
        var g = new CmaGeneration(5, 1);
        g.Values[0] = 3; g.Values[2] = -1; g.Values[4] = 7;
        g.Failed[1] = true; g.Failed[3] = true;
        g.Values[1] = g.Values[3] = double.PositiveInfinity;
        Assert.Equal([2, 0, 4, 1, 3], g.Ranking());
    }

    [Fact]
    public void Failures_and_NaN_values_count_as_worst_and_never_become_best()
    {
        var es = Create();
        var batch = es.Ask();
        var outcomes = batch.Select((c, i) => i switch
        {
            0 => TrialOutcome.Failure(c.Id, "crashed"),
            1 => TrialOutcome.Success(c.Id, [double.NaN]),
            _ => (TrialOutcome)TrialOutcome.Success(c.Id, [c.Genes.Sum(v => v * v)]),
        }).ToList();
        es.Tell(outcomes);
        double bestSuccess = batch.Skip(2).Min(c => c.Genes.Sum(v => v * v));
        Assert.Equal(bestSuccess, es.Best!.Value.Value);
        Assert.Equal(batch.Count, es.Evaluations);
        Assert.Equal(1, es.Generation);
    }

    [Fact]
    public void A_generation_of_failures_leaves_the_distribution_alone_and_three_stop_the_run()
    {
        var es = Create();
        var meanBefore = es.Mean;
        double sigmaBefore = es.Sigma;
        for (int g = 0; g < 3; g++)
        {
            Assert.Empty(es.Stop());
            es.Tell(es.Ask().Select(c => (TrialOutcome)TrialOutcome.Failure(c.Id, "out of memory")).ToList());
            Assert.Equal(meanBefore, es.Mean);
            Assert.Equal(sigmaBefore, es.Sigma);
        }
        Assert.Equal([StopReason.AllFailed], es.Stop());
        Assert.Null(es.Best);
    }

    [Fact]
    public void Asking_again_before_all_are_told_reissues_the_untold_candidates()
    {
        var es = Create();
        var batch = es.Ask();
        es.Tell([TrialOutcome.Success(batch[0].Id, [1.0])]);
        var again = es.Ask();
        Assert.Equal(batch.Skip(1).Select(c => c.Id), again.Select(c => c.Id));
        Assert.Equal(batch[1].Genes, again[0].Genes);
    }

    [Fact]
    public void A_completed_outcome_without_objectives_is_rejected_before_anything_is_recorded()
    {
        var es = Create();
        var batch = es.Ask();
        Assert.Throws<ArgumentException>(() => es.Tell(
            [TrialOutcome.Success(batch[0].Id, [1.0]), TrialOutcome.Success(batch[1].Id, [])]));
        Assert.Equal(0, es.Evaluations);
    }
}
