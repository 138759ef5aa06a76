using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// A trial's evaluation finished: its objective values (natural sense, see <see cref="RunSchema"/>), the task metrics
/// by column name, optional per-example scores, and the wall time it took. Never changed afterwards.
/// </summary>
public sealed record TrialCompleted : JournalEvent
{
    public const string TypeName = "trial_completed";

    public TrialCompleted(
        long trialId,
        int generation,
        IReadOnlyList<double> objectives,
        IReadOnlyDictionary<string, double> metrics,
        IReadOnlyList<double>? perExampleScores,
        double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(metrics);
        if (objectives.Count == 0)
        {
            throw new ArgumentException($"Trial {trialId}: a completed trial needs at least one objective value.", nameof(objectives));
        }

        if (metrics.Keys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Trial {trialId}: metric names must not be empty.", nameof(metrics));
        }

        TrialSeconds.Validate(trialId, seconds);
        TrialId = trialId;
        Generation = generation;
        Objectives = objectives.ToArray().AsReadOnly();
        Metrics = TrialMetrics.Sorted(metrics);
        PerExampleScores = perExampleScores?.ToArray().AsReadOnly();
        Seconds = seconds;
    }

    public override string Type => TypeName;

    public long TrialId { get; }

    public int Generation { get; }

    public IReadOnlyList<double> Objectives { get; }

    /// <summary>Sorted by name (ordinal), so the journal bytes do not depend on insertion order.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    public IReadOnlyList<double>? PerExampleScores { get; }

    public double Seconds { get; }

    /// <summary>
    /// The earlier trial whose outcome this one reuses because both decode to the same model (the score
    /// cache); null for a trial that was evaluated. Written only when set, so other journals keep their bytes.
    /// </summary>
    public long? CachedFrom
    {
        get;
        init
        {
            if (value is < 0 || value == TrialId) throw new ArgumentOutOfRangeException(nameof(CachedFrom), $"Trial {TrialId}: cached_from must name another, earlier trial.");
            field = value;
        }
    }
    /// <summary>
    /// How many examples it was scored on when a race (<c>fitness.racing</c>) stopped short of the full fitness
    /// set for some trials; null otherwise. Written only when set.
    /// </summary>
    public int? Examples
    {
        get;
        init
        {
            if (value is < 0) throw new ArgumentOutOfRangeException(nameof(Examples), $"Trial {TrialId}: examples must not be negative.");
            field = value;
        }
    }

    /// <summary>Who evaluated it (a farm worker's name, or "in-process"); null in journals from before the farm.</summary>
    public string? Worker { get; init; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("trial", TrialId);
        writer.WriteNumber("generation", Generation);
        writer.WritePropertyName("objectives");
        JsonDoubles.WriteArray(writer, Objectives);
        TrialMetrics.Write(writer, Metrics);
        if (PerExampleScores is not null)
        {
            writer.WritePropertyName("perExampleScores");
            JsonDoubles.WriteArray(writer, PerExampleScores);
        }

        writer.WritePropertyName("seconds");
        JsonDoubles.Write(writer, Seconds);
        if (CachedFrom is long source) writer.WriteNumber("cachedFrom", source);
        if (Examples is int examples) writer.WriteNumber("examples", examples);
        if (Worker is not null) writer.WriteString("worker", Worker);
        writer.WriteEndObject();
    }

    public static TrialCompleted Read(JsonElement data)
    {
        var metrics = TrialMetrics.Read(data);

        var scores = JsonFields.Optional(data, "perExampleScores") is { } s ? JsonDoubles.ReadArray(s, "perExampleScores") : null;
        long? cachedFrom = JsonFields.Optional(data, "cachedFrom") is not null ? JsonFields.Int64(data, "cachedFrom") : null;
        return JsonFields.Construct(() => new TrialCompleted(
            JsonFields.Int64(data, "trial"),
            JsonFields.Int32(data, "generation"),
            JsonFields.Doubles(data, "objectives"),
            metrics,
            scores,
            JsonFields.Double(data, "seconds"))
        {
            CachedFrom = cachedFrom,
            Examples = JsonFields.Optional(data, "examples") is not null ? JsonFields.Int32(data, "examples") : null,
            Worker = JsonFields.Optional(data, "worker")?.GetString(),
        });
    }
}
