namespace EvoMerge.Search.Tasks.Classifier;

/// <summary>A classifier task's own field: its architecture.json (null: the one beside the base model, else the first expert).</summary>
public sealed record ClassifierTaskSettings(string? Architecture);
