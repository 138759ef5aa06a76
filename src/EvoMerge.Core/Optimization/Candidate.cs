namespace EvoMerge.Core.Optimization;

/// <summary>
/// A point the optimizer asks to have evaluated. Ids are unique within one optimizer's life.
/// <paramref name="Metadata"/> is what the optimizer wants remembered about how it made the point (keys in
/// <see cref="CandidateMetadata"/>, e.g. its parents); the run journals it with the candidate and never
/// reads it back into the optimizer, so it cannot change a search.
/// </summary>
public sealed record Candidate(long Id, double[] Genes, IReadOnlyDictionary<string, string>? Metadata = null);
