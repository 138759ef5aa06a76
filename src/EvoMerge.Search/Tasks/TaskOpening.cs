namespace EvoMerge.Search.Tasks;

/// <summary>
/// What an evaluator kind opens a task with: the data file of the split (null when a command task has none),
/// the base model's and the first expert's paths (where architecture, config and tokenizer are found), the
/// device, the scratch folder for candidates written to disk, and a log.
/// </summary>
public sealed record TaskOpening(
    TaskSpec Task,
    string? DataPath,
    string? BaseModelPath,
    string FirstExpertPath,
    string Device,
    string ScratchRoot,
    Action<string>? Log);
