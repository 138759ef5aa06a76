namespace EvoMerge.Core.Optimization;

/// <summary>A point the optimizer asks to have evaluated. Ids are unique within one optimizer's life.</summary>
public sealed record Candidate(long Id, double[] Genes);
