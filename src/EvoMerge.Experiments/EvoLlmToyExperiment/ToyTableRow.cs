namespace EvoMerge.Experiments.EvoLlmToyExperiment;

/// <summary>One row of the results table: a model, its kind (source, simple_merge, ps, dfs, ps_dfs) and its test accuracies.</summary>
public sealed record ToyTableRow(string Model, string Kind, double TargetAccuracy, double Source1Accuracy, double Source2Accuracy, string Note = "");
