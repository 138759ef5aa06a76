using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Guard;

public sealed class EvaluationGuardTests
{
    private static TrialEvaluation Run(IEvaluator evaluator, CancellationToken ct = default) =>
        EvaluationGuard.Run(evaluator, TinyModel.Create(), ct);

    [Fact]
    public void A_good_result_completes_the_trial()
    {
        var outcome = Run(FakeEvaluator.Returning(new Dictionary<string, double> { ["accuracy"] = 0.75 }, [1, 0.5]));

        var completed = Assert.IsType<TrialEvaluation.Completed>(outcome);
        Assert.Equal(0.75, completed.Metrics["accuracy"]);
        Assert.Equal([1, 0.5], completed.PerExampleScores!);
        Assert.True(completed.Seconds >= 0);
    }

    [Fact]
    public void A_failed_evaluation_keeps_its_reason()
    {
        var failed = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Throwing(new EvaluationFailedException("timed out after 3 s"))));

        Assert.Equal("timed out after 3 s", failed.Reason);
    }

    [Fact]
    public void Any_other_exception_becomes_a_failed_trial_naming_it()
    {
        var failed = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Throwing(new InvalidOperationException("kernel crashed"))));

        Assert.Equal("fake: InvalidOperationException: kernel crashed", failed.Reason);
    }

    [Fact]
    public void A_fatal_error_stops_the_run()
    {
        var fatal = new FatalEvaluationException("device lost");

        Assert.Same(fatal, Assert.Throws<FatalEvaluationException>(() => Run(FakeEvaluator.Throwing(fatal))));
    }

    [Fact]
    public void Cancellation_of_the_run_passes_through()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var evaluator = new FakeEvaluator(ct => { ct.ThrowIfCancellationRequested(); return null; });

        Assert.ThrowsAny<OperationCanceledException>(() => Run(evaluator, cancel.Token));
    }

    [Fact]
    public void A_cancellation_the_run_did_not_ask_for_is_a_failed_trial()
    {
        var failed = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Throwing(new TaskCanceledException("HTTP request timed out"))));

        Assert.Contains("HTTP request timed out", failed.Reason);
    }

    [Theory]
    [InlineData(double.NaN, "metric 'accuracy' is NaN")]
    [InlineData(double.PositiveInfinity, "metric 'accuracy' is Infinity")]
    [InlineData(double.NegativeInfinity, "metric 'accuracy' is -Infinity")]
    public void Non_finite_metrics_fail_the_trial(double value, string expected)
    {
        var failed = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Returning(new Dictionary<string, double> { ["loss"] = 1, ["accuracy"] = value })));

        Assert.Contains(expected, failed.Reason);
    }

    [Fact]
    public void Non_finite_per_example_scores_fail_the_trial()
    {
        var failed = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Returning(new Dictionary<string, double> { ["accuracy"] = 1 }, [1, double.NaN])));

        Assert.Contains("per-example score 1 is NaN", failed.Reason);
    }

    [Fact]
    public void No_metrics_or_no_result_fail_the_trial()
    {
        var empty = Assert.IsType<TrialEvaluation.Failed>(Run(FakeEvaluator.Returning(new Dictionary<string, double>())));
        var none = Assert.IsType<TrialEvaluation.Failed>(Run(new FakeEvaluator(_ => null)));

        Assert.Contains("no metrics", empty.Reason);
        Assert.Contains("no result", none.Reason);
    }
}
