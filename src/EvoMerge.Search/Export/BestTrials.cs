using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage;

namespace EvoMerge.Search.Export;

/// <summary>
/// The best completed trial of each objective (ties: the objective's tie-break metrics, then the earliest) and its files under
/// <c>best/&lt;objective&gt;/</c>: <c>recipe.yml</c>, the mergekit config that <c>./run.sh merge</c> turns into
/// the model, and <c>trial.json</c> (id, generation, objectives, metrics, genes by name).
/// </summary>
public static class BestTrials
{
    public const string FolderName = "best";

    public static IReadOnlyList<(ObjectiveInfo Objective, TrialRecord Trial)> Find(RunState state, RunSchema schema)
    {
        var result = new List<(ObjectiveInfo, TrialRecord)>();
        for (int k = 0; k < schema.Objectives.Count; k++)
        {
            var objective = schema.Objectives[k];
            TrialRecord? best = null;
            foreach (var trial in state.Trials)
            {
                if (trial.Completion is not { } c || !double.IsFinite(c.Objectives[k])) continue;
                double v = c.Objectives[k], b = best?.Completion!.Objectives[k] ?? double.NaN;
                if (best is null || (objective.Maximize ? v > b : v < b)
                    || (v == b && Objectives.TieBreaker.Compare(objective, c.Metrics, best.Completion!.Metrics) > 0)) best = trial;
            }
            if (best is not null) result.Add((objective, best));
        }
        return result;
    }

    /// <summary>
    /// With several objectives, all maximized: the Pareto-front trial with the highest mean objective value
    /// (a balanced compromise to report next to each objective's extreme); null otherwise.
    /// </summary>
    public static TrialRecord? Balanced(RunState state, RunSchema schema)
    {
        if (schema.Objectives.Count < 2 || schema.Objectives.Any(o => !o.Maximize)) return null;
        return ParetoCsv.Front(state, schema.Csv, schema.Maximize)
            .Where(t => t.Completion!.Objectives.All(double.IsFinite))
            .OrderByDescending(t => t.Completion!.Objectives.Average())
            .ThenBy(t => t.TrialId)
            .FirstOrDefault();
    }

    public static void Write(string runFolder, RunState state, RunSchema schema, Spaces.ISearchSpace space)
    {
        foreach (var (objective, trial) in Find(state, schema))
        {
            string folder = Path.Combine(runFolder, FolderName, objective.Name);
            Directory.CreateDirectory(folder);
            space.WriteRecipe(folder, trial.TrialId, trial.Genes,
                $"# Best trial for objective '{objective.Name}': trial {trial.TrialId} (generation {trial.Generation}).\n");
            AtomicFile.WriteAllText(Path.Combine(folder, "trial.json"), TrialJson(trial, schema).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", fsync: false);
        }
    }

    public static JsonObject TrialJson(TrialRecord trial, RunSchema schema)
    {
        var c = trial.Completion!;
        var genes = new JsonObject();
        for (int i = 0; i < schema.Genes.Count; i++) genes[schema.Genes[i]] = trial.Genes[i];
        var objectives = new JsonObject();
        for (int k = 0; k < schema.Objectives.Count; k++) objectives[schema.Objectives[k].Name] = c.Objectives[k];
        var metrics = new JsonObject();
        foreach (var (name, value) in c.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)) metrics[name] = value;
        return new JsonObject
        {
            ["trial"] = trial.TrialId,
            ["generation"] = trial.Generation,
            ["seconds"] = Math.Round(c.Seconds, 6).ToString(CultureInfo.InvariantCulture),
            ["objectives"] = objectives,
            ["metrics"] = metrics,
            ["genes"] = genes,
        };
    }
}
