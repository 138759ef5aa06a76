using EvoMerge.Reporting.Analysis;
using EvoMerge.Reporting.Csv;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Reporting;

/// <summary>
/// <c>compare RUN_DIR...</c>: one CSV of every run's Pareto front (the rows of its <c>pareto.csv</c>),
/// with the run as the first column: <c>run,trial,generation</c>, then the objective columns
/// (<c>objective.&lt;name&gt;</c>), the task metric columns and the gene columns, each the union over
/// the runs in first-seen order. A cell is empty where a run has no such column (or the trial did not
/// report that metric). Objectives of the same name must have the same sense in every run.
/// </summary>
public static class RunComparison
{
    public static readonly IReadOnlyList<string> FixedColumns = ["run", "trial", "generation"];

    public static void Write(IReadOnlyList<RunView> runs, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(output);
        if (runs.Count == 0 || runs.Any(r => r is null))
        {
            throw new ArgumentException("Compare needs at least one run, none of them null.", nameof(runs));
        }

        var labels = RunLabels.For(runs);
        var objectives = ObjectiveUnion(runs, labels);
        var metrics = Union(runs.Select(r => r.Schema.Metrics));
        var genes = Union(runs.Select(r => r.Schema.Genes));
        string[] header = [.. FixedColumns, .. objectives.Select(RunCsvSchema.ObjectiveColumn), .. metrics, .. genes];
        var clash = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidDataException(
                $"Cannot compare these runs: column \"{clash.Key}\" would appear twice (a gene, metric or objective of one run has the name of another's column).");
        }

        CsvText.WriteRow(output, header);
        for (int i = 0; i < runs.Count; i++)
        {
            foreach (var trial in runs[i].ParetoFront)
            {
                CsvText.WriteRow(output, Row(labels[i], runs[i], trial, objectives, metrics, genes));
            }
        }
    }

    private static IEnumerable<string> Row(
        string label, RunView run, TrialRecord trial, IReadOnlyList<string> objectives, IReadOnlyList<string> metrics, IReadOnlyList<string> genes)
    {
        var completion = trial.Completion!;
        var objectiveIndex = run.Schema.Objectives.Select((o, k) => (o.Name, k)).ToDictionary(p => p.Name, p => p.k, StringComparer.Ordinal);
        var geneIndex = run.Schema.Genes.Select((g, k) => (g, k)).ToDictionary(p => p.g, p => p.k, StringComparer.Ordinal);
        var ownMetrics = run.Schema.Metrics.ToHashSet(StringComparer.Ordinal);
        yield return label;
        yield return CsvText.Number(trial.TrialId);
        yield return CsvText.Number(trial.Generation);
        foreach (string name in objectives)
        {
            yield return objectiveIndex.TryGetValue(name, out int k) ? CsvText.Number(completion.Objectives[k]) : "";
        }

        foreach (string metric in metrics)
        {
            yield return ownMetrics.Contains(metric) && completion.Metrics.TryGetValue(metric, out double value) ? CsvText.Number(value) : "";
        }

        foreach (string gene in genes)
        {
            yield return geneIndex.TryGetValue(gene, out int g) ? CsvText.Number(trial.Genes[g]) : "";
        }
    }

    /// <summary>Objective names in first-seen order; a name maximized in one run and minimized in another is an error.</summary>
    private static IReadOnlyList<string> ObjectiveUnion(IReadOnlyList<RunView> runs, IReadOnlyList<string> labels)
    {
        var seen = new Dictionary<string, (bool Maximize, string Run)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < runs.Count; i++)
        {
            foreach (var objective in runs[i].Schema.Objectives)
            {
                if (!seen.TryGetValue(objective.Name, out var first))
                {
                    seen[objective.Name] = (objective.Maximize, labels[i]);
                    order.Add(objective.Name);
                }
                else if (first.Maximize != objective.Maximize)
                {
                    throw new InvalidDataException(
                        $"Cannot compare runs '{first.Run}' and '{labels[i]}': objective \"{objective.Name}\" is {ObjectiveSense.Word(first.Maximize)}d in the first and {ObjectiveSense.Word(objective.Maximize)}d in the second, so their fronts mean different things.");
                }
            }
        }

        return order;
    }

    private static IReadOnlyList<string> Union(IEnumerable<IReadOnlyList<string>> columnLists)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return columnLists.SelectMany(c => c).Where(seen.Add).ToList();
    }
}
