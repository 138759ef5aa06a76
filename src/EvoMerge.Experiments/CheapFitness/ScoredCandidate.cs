namespace EvoMerge.Experiments.CheapFitness;

/// <summary>A candidate of a search with the fitness its method estimated (mean correctness, higher is better).</summary>
public sealed record ScoredCandidate(double[] Genes, double Estimate);
