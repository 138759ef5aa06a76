namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>One line of curves.csv.</summary>
public sealed record CurveRow(string Panel, string Method, int Run, long ForwardPasses, double TestAccuracy);
