namespace EvoMerge.Experiments.CheapFitness;

/// <summary>One line of table.csv: a method's mean over seeds.</summary>
public sealed record CheapFitnessRow(string Task, string Method, int Seeds, double ExamplesEvaluated, double TestAccuracy, double TestAccuracyStderr, double? EstimatorMae);
