namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// Metrics by name (higher is better) and, where the evaluator has them, one score per example
/// (higher is better; M2N2's resource competition reads them).
/// </summary>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, double[]? PerExampleScores);
