namespace EvoMerge.Search.Tasks;

/// <summary>What an evaluator kind does, asked by the config checks instead of testing its name.</summary>
/// <param name="ChecksTensorSpecs">Checks the merged tensors' names, shapes and dtypes against what it needs before any weights are read.</param>
/// <param name="ScoresModelView">Scores a model built in memory from layers (a data-flow path), not only a folder of merged tensors.</param>
/// <param name="PerExampleScores">Gives a score per example (what M2N2 competes over), not only aggregate metrics.</param>
/// <param name="ScoresSubsets">Can score chosen rows of its data (<c>fitness.examples</c>), not only the whole file.</param>
public sealed record TaskKindCapabilities(bool ChecksTensorSpecs, bool ScoresModelView, bool PerExampleScores, bool ScoresSubsets);
