using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.Tests.Support;

/// <summary>An evaluator whose behaviour a test supplies.</summary>
internal sealed class FakeEvaluator(Func<CancellationToken, EvaluationResult?> evaluate) : IEvaluator
{
    public string Name => "fake";

    public EvaluationResult Evaluate(MergedModel model, CancellationToken ct) => evaluate(ct)!;

    public void Dispose()
    {
    }

    public static FakeEvaluator Returning(IReadOnlyDictionary<string, double> metrics, double[]? scores = null) =>
        new(_ => new EvaluationResult(metrics, scores));

    public static FakeEvaluator Throwing(Exception error) => new(_ => throw error);
}
