namespace EvoMerge.Search.Optimizers;

/// <summary>
/// What an optimizer needs and does, asked by the config checks and the run loop instead of testing its name.
/// </summary>
/// <param name="MultiObjective">Handles several objectives (the others minimize one value).</param>
/// <param name="NeedsPerExampleScores">Ranks candidates by per-example scores of 0 (wrong) to 1 (right), so every task must give them.</param>
/// <param name="JournalsPerExampleScores">Reads the per-example scores it is told, so a replay must tell them again: the journal keeps them.</param>
/// <param name="SteadyState">Can take results one by one while other candidates are still out (false: it waits for whole generations).</param>
public sealed record OptimizerCapabilities(bool MultiObjective, bool NeedsPerExampleScores, bool JournalsPerExampleScores, bool SteadyState);
