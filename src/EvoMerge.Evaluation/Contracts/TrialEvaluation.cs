namespace EvoMerge.Evaluation.Contracts;

/// <summary>What one guarded evaluation gave: finite metrics (and per-example scores), or a failure reason. Both carry the seconds spent.</summary>
public abstract record TrialEvaluation(double Seconds)
{
    public sealed record Completed(IReadOnlyDictionary<string, double> Metrics, double[]? PerExampleScores, double Seconds)
        : TrialEvaluation(Seconds);

    public sealed record Failed(string Reason, double Seconds) : TrialEvaluation(Seconds);
}
