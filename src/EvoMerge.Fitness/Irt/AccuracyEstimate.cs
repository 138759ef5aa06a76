namespace EvoMerge.Fitness.Irt;

/// <summary>An estimated full-set mean score and its standard error.</summary>
public readonly record struct AccuracyEstimate(double Value, double StandardError);
