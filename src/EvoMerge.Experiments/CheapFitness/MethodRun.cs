namespace EvoMerge.Experiments.CheapFitness;

/// <summary>One method's run on one task and seed: search work in examples and the chosen winner's test accuracy.</summary>
public sealed record MethodRun(string Task, string Method, ulong Seed, long ExamplesEvaluated, double TestAccuracy, double WinnerFullFitness);
