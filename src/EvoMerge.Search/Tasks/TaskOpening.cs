using EvoMerge.Evaluation.Data;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// What an evaluator kind opens a task with: the data file of the split (null when a command task has none),
/// the base model's and the first expert's paths (where architecture, config and tokenizer are found), the
/// device, the scratch folder for candidates written to disk, a log, and the fitness subset of rows to score
/// (<c>fitness.examples</c>; null: all of them). <paramref name="CommandEnvironment"/>: variables set for every
/// external command the task runs (a farm slot's <c>CUDA_VISIBLE_DEVICES</c> and thread counts; null: none).
/// </summary>
public sealed record TaskOpening(
    TaskSpec Task,
    string? DataPath,
    string? BaseModelPath,
    string FirstExpertPath,
    string Device,
    string ScratchRoot,
    Action<string>? Log,
    FitnessSubset? Subset = null,
    IReadOnlyDictionary<string, string>? CommandEnvironment = null)
{
    /// <summary>The subset's rows of <paramref name="data"/> (stratified by its labels), or all of it.</summary>
    public TaskData Select(TaskData data) => Subset is null ? data : data.Select(Subset with { Labels = data.Labels.ToArray() });
}
