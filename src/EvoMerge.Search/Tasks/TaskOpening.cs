using EvoMerge.Evaluation.Data;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// What an evaluator kind opens a task with: the data file of the split (null when a command task has none),
/// the base model's and the first expert's paths (where architecture, config and tokenizer are found), the
/// device, the scratch folder for candidates written to disk, a log, and the fitness subset of rows to score
/// (<c>fitness.examples</c>; null: all of them).
/// </summary>
public sealed record TaskOpening(
    TaskSpec Task,
    string? DataPath,
    string? BaseModelPath,
    string FirstExpertPath,
    string Device,
    string ScratchRoot,
    Action<string>? Log,
    FitnessSubset? Subset = null)
{
    /// <summary>The subset's rows of <paramref name="data"/> (stratified by its labels), or all of it.</summary>
    public TaskData Select(TaskData data) => Subset is null ? data : data.Select(Subset with { Labels = data.Labels.ToArray() });
}
