using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Best;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Search.Export;

/// <summary>
/// The best trials of a run (see <see cref="RunFront.Picks"/>: for each objective the front trial highest on
/// it, and with several objectives the balanced one) and their files under <c>best/&lt;objective&gt;/</c> and
/// <c>best/balanced/</c>: <c>recipe.yml</c>, the mergekit config that <c>./run.sh merge</c> turns into the
/// model, and <c>trial.json</c> (id, generation, objectives, metrics, genes by name).
/// </summary>
public static class BestTrials
{
    public const string FolderName = "best";

    /// <summary>After a winner check, the picks are among the rescored trials, by their full scores (<see cref="RescoredView"/>).</summary>
    public static IReadOnlyList<(string Name, TrialRecord Trial)> Find(RunState state, RunSchema schema) =>
        RunFront.Picks(RescoredView.Of(state), schema);

    /// <summary>The trial <c>best/&lt;name&gt;/</c> holds: an objective's name or <see cref="RunFront.BalancedName"/>.</summary>
    public static TrialRecord Named(RunState state, RunSchema schema, string name)
    {
        bool known = schema.Objectives.Any(o => o.Name == name) || (name == RunFront.BalancedName && schema.Objectives.Count > 1);
        if (!known)
        {
            var choices = schema.Objectives.Select(o => o.Name).ToList();
            if (schema.Objectives.Count > 1) choices.Add(RunFront.BalancedName);
            throw new ArgumentException($"--best {name}: the run has no such objective; choose one of: {string.Join(", ", choices)}.");
        }
        return Find(state, schema).FirstOrDefault(p => p.Name == name).Trial
            ?? throw new ArgumentException($"--best {name}: the run has no completed trial with finite objectives yet.");
    }

    public static void Write(string runFolder, RunState state, RunSchema schema, Spaces.ISearchSpace space)
    {
        var picks = Find(state, schema);
        foreach (var (name, trial) in picks)
        {
            string folder = Path.Combine(runFolder, FolderName, name);
            Directory.CreateDirectory(folder);
            string what = name == RunFront.BalancedName ? "Balanced Pareto-front trial" : $"Best trial for objective '{name}'";
            space.WriteRecipe(folder, trial.TrialId, trial.Genes,
                $"# {what}: trial {trial.TrialId} (generation {trial.Generation}).\n");
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
        var json = new JsonObject
        {
            ["trial"] = trial.TrialId,
            ["generation"] = trial.Generation,
            ["seconds"] = Math.Round(c.Seconds, 6).ToString(CultureInfo.InvariantCulture),
            ["objectives"] = objectives,
            ["metrics"] = metrics,
            ["genes"] = genes,
        };
        // Raced, estimated or rescored trials say how many examples their scores rest on.
        if (c.Examples is int examples) json["examples"] = examples;
        return json;
    }
}
