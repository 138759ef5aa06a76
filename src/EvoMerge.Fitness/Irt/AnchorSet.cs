namespace EvoMerge.Fitness.Irt;

/// <summary>Anchor examples (indices into the fitness set, ascending) and their weights (cluster shares, summing to 1).</summary>
public sealed record AnchorSet(int[] Items, double[] Weights, int[] ClusterOfItem);
