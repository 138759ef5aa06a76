namespace EvoMerge.Search.Spaces;

/// <summary>What a genome kind needs from the rest of the config.</summary>
/// <param name="MergesParameters">
/// Candidates are merge recipes: the <c>merge:</c> section is required, checked against the models and part of
/// the resume hash. False for kinds that merge no parameters (data flow), where the section may be left out.
/// </param>
public sealed record GenomeKindCapabilities(bool MergesParameters);
