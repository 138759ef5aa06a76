namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>One line of summary.csv: the final-budget statistics of one method over its runs (standard error null for one run).</summary>
public sealed record SummaryRow(string Panel, string Method, int Runs, long ForwardPasses, double MeanTestAccuracy, double? StandardError);
