using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>The fields of one finished trial in the <see cref="RunCsvSchema"/> column order.</summary>
internal static class TrialRow
{
    public static IEnumerable<string> Fields(TrialRecord trial, RunCsvSchema schema)
    {
        if (trial.Genes.Count != schema.GeneNames.Count)
        {
            throw new InvalidDataException($"Trial {trial.TrialId} has {trial.Genes.Count} genes, but the schema names {schema.GeneNames.Count}.");
        }

        var completion = trial.Completion;
        if (completion is not null && completion.Objectives.Count != schema.ObjectiveNames.Count)
        {
            throw new InvalidDataException(
                $"Trial {trial.TrialId} has {completion.Objectives.Count} objective values, but the schema names {schema.ObjectiveNames.Count}.");
        }

        yield return CsvText.Number(trial.TrialId);
        yield return CsvText.Number(trial.Generation);
        yield return trial.Status switch
        {
            TrialStatus.Completed => "completed",
            TrialStatus.Failed => "failed",
            _ => throw new ArgumentException($"Trial {trial.TrialId} is still pending; only finished trials have a row.", nameof(trial)),
        };
        yield return trial.Failure?.Reason ?? "";
        yield return CsvText.Number(trial.Seconds!.Value);
        yield return trial.Worker ?? "";
        for (int g = 0; g < trial.Genes.Count; g++)
        {
            yield return schema.GeneCategories[g] is { } labels
                ? labels[CategoryBins.Index(trial.Genes[g], labels.Count)]
                : CsvText.Number(trial.Genes[g]);
        }

        foreach (string metric in schema.MetricNames)
        {
            yield return completion is not null && completion.Metrics.TryGetValue(metric, out double value) ? CsvText.Number(value) : "";
        }

        for (int k = 0; k < schema.ObjectiveNames.Count; k++)
        {
            yield return completion is null ? "" : CsvText.Number(completion.Objectives[k]);
        }

        if (schema.HasExamples)
        {
            yield return completion?.Examples is int examples ? CsvText.Number(examples) : "";
        }

        if (schema.HasCachedFrom)
        {
            yield return completion?.CachedFrom is long source ? CsvText.Number(source) : "";
        }
    }
}
