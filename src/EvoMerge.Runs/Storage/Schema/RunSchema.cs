using System.Text.Json.Nodes;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Schema;

/// <summary>
/// One objective of a run: its name (CSV column <c>objective.&lt;name&gt;</c>), its sense, and the metric columns
/// (higher is better) that break ties between trials with the same value, first one first.
/// </summary>
public sealed record ObjectiveInfo(string Name, bool Maximize)
{
    public IReadOnlyList<string> TieBreak { get; init; } = [];
}

/// <summary>
/// What the columns of a run's CSVs mean: gene names in genome order, task metric columns
/// (<c>task.&lt;task&gt;.&lt;metric&gt;</c>) and the objectives with their senses. Stored in the
/// journal's first line (<see cref="RunCreated.Extra"/>, key <see cref="ExtraKey"/>), so every tool
/// that reads a run folder (report, compare, export) knows the layout without the configuration.
/// Objective values in the journal and the CSVs are in their natural sense (an accuracy is stored as
/// it is); the run loop negates maximized ones before telling the optimizer, which minimizes.
/// </summary>
public sealed record RunSchema
{
    public const string ExtraKey = "schema";

    public RunSchema(IReadOnlyList<string> genes, IReadOnlyList<string> metrics, IReadOnlyList<ObjectiveInfo> objectives, bool cachedFrom = false,
                     IReadOnlyDictionary<string, IReadOnlyList<string>>? categories = null, bool examples = false)
    {
        ArgumentNullException.ThrowIfNull(genes);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(objectives);
        Genes = genes.ToArray().AsReadOnly();
        Metrics = metrics.ToArray().AsReadOnly();
        Objectives = objectives.ToArray().AsReadOnly();
        // Validates names (non-empty, no duplicate columns, at least one objective).
        CachedFrom = cachedFrom;
        Categories = new Dictionary<string, IReadOnlyList<string>>(categories ?? new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);
        Examples = examples;
        Csv = new RunCsvSchema(Genes, Metrics, Objectives.Select(o => o.Name).ToArray(), cachedFrom, Categories, examples);
    }

    /// <summary>Categorical genes (a searched merge method) by name: their category names, which the CSVs show instead of the number.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Categories { get; }

    /// <summary>The run reuses outcomes of identical recipes (score cache): trials.csv ends with a cached_from column.</summary>
    public bool CachedFrom { get; }

    /// <summary>The run races (<c>fitness.racing</c>): trials.csv has an examples column (examples each trial was scored on).</summary>
    public bool Examples { get; }

    public IReadOnlyList<string> Genes { get; }

    public IReadOnlyList<string> Metrics { get; }

    public IReadOnlyList<ObjectiveInfo> Objectives { get; }

    /// <summary>The column layout of trials.csv, generations.csv and pareto.csv.</summary>
    public RunCsvSchema Csv { get; }

    public bool[] Maximize => Objectives.Select(o => o.Maximize).ToArray();

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["genes"] = new JsonArray(Genes.Select(g => (JsonNode?)g).ToArray()),
            ["metrics"] = new JsonArray(Metrics.Select(m => (JsonNode?)m).ToArray()),
            ["objectives"] = new JsonArray(Objectives
                .Select(o => (JsonNode?)ObjectiveJson(o))
                .ToArray()),
        };
        // Only when set, so runs without a score cache keep their journal line.
        if (CachedFrom) json["cached_from"] = true;
        // Likewise only for runs with categorical genes.
        if (Categories.Count > 0)
            json["categories"] = new JsonObject(Categories.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)new JsonArray(c.Value.Select(v => (JsonNode?)v).ToArray()))));
        if (Examples) json["examples"] = true;
        return json;
    }

    /// <summary>"tie_break" only when there is one, so runs without tie-breakers keep their journal line.</summary>
    static JsonObject ObjectiveJson(ObjectiveInfo objective)
    {
        var json = new JsonObject { ["name"] = objective.Name, ["maximize"] = objective.Maximize };
        if (objective.TieBreak.Count > 0)
            json["tie_break"] = new JsonArray(objective.TieBreak.Select(c => (JsonNode?)c).ToArray());
        return json;
    }

    public static RunSchema FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        static JsonArray Array(JsonObject json, string key) =>
            json[key] as JsonArray ?? throw new InvalidDataException($"The run schema lacks the array \"{key}\".");
        try
        {
            return new RunSchema(
                Array(json, "genes").Select(n => n!.GetValue<string>()).ToArray(),
                Array(json, "metrics").Select(n => n!.GetValue<string>()).ToArray(),
                Array(json, "objectives")
                    .Select(n => new ObjectiveInfo(n!["name"]!.GetValue<string>(), n["maximize"]!.GetValue<bool>())
                    {
                        TieBreak = (n["tie_break"] as JsonArray)?.Select(c => c!.GetValue<string>()).ToArray() ?? [],
                    })
                    .ToArray(),
                json["cached_from"]?.GetValue<bool>() ?? false,
                (json["categories"] as JsonObject)?.ToDictionary(
                    c => c.Key, c => (IReadOnlyList<string>)((JsonArray)c.Value!).Select(v => v!.GetValue<string>()).ToArray()),
                json["examples"]?.GetValue<bool>() ?? false);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"The run schema is malformed: {e.Message}", e);
        }
    }

    /// <summary>The schema stored in a journal's first event.</summary>
    public static RunSchema From(RunCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        return created.Extra[ExtraKey] is JsonObject json
            ? FromJson(json)
            : throw new InvalidDataException("The run's first journal line has no \"schema\"; this folder was not written by `search`.");
    }
}
