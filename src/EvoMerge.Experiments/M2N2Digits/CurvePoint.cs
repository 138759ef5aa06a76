namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Test accuracy (percent) of a method's representative model after some forward passes.</summary>
public readonly record struct CurvePoint(long ForwardPasses, double TestAccuracy);

/// <summary>One line of curves.csv.</summary>
public sealed record CurveRow(string Panel, string Method, int Run, long ForwardPasses, double TestAccuracy);

/// <summary>One line of summary.csv: the final-budget statistics of one method over its runs.</summary>
public sealed record SummaryRow(string Panel, string Method, int Runs, long ForwardPasses, double MeanTestAccuracy, double? StandardError);
