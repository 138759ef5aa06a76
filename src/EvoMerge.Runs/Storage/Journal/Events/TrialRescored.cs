using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// The winner check (<c>fitness.rescore_top</c>): a completed trial scored again on the whole fitness set at
/// the end of a run whose trials were raced or estimated: its full metrics and objectives (natural sense), or
/// why the scoring failed (<see cref="Reason"/>, then no metrics). <c>best/</c> is chosen among rescored trials
/// by these values; the trial's own <see cref="TrialCompleted"/> is left as it was.
/// </summary>
public sealed record TrialRescored : JournalEvent
{
    public const string TypeName = "trial_rescored";

    public TrialRescored(long trialId, IReadOnlyList<double> objectives, IReadOnlyDictionary<string, double> metrics, int examples, double seconds, string? reason = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialId);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        if (reason is null && objectives.Count == 0)
            throw new ArgumentException($"Trial {trialId}: a rescored trial needs its objective values, or the reason it could not be scored.", nameof(objectives));
        TrialSeconds.Validate(trialId, seconds);
        TrialId = trialId;
        Objectives = objectives.ToArray().AsReadOnly();
        Metrics = TrialMetrics.Sorted(metrics);
        Examples = examples;
        Seconds = seconds;
        Reason = reason;
    }

    public override string Type => TypeName;

    public long TrialId { get; }

    public IReadOnlyList<double> Objectives { get; }

    public IReadOnlyDictionary<string, double> Metrics { get; }

    public int Examples { get; }

    public double Seconds { get; }

    /// <summary>Why the full scoring failed; null when it succeeded.</summary>
    public string? Reason { get; }

    public bool Succeeded => Reason is null;

    public string? Worker { get; init; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("trial", TrialId);
        writer.WritePropertyName("objectives");
        JsonDoubles.WriteArray(writer, Objectives);
        TrialMetrics.Write(writer, Metrics);
        writer.WriteNumber("examples", Examples);
        writer.WritePropertyName("seconds");
        JsonDoubles.Write(writer, Seconds);
        if (Reason is not null) writer.WriteString("reason", Reason);
        if (Worker is not null) writer.WriteString("worker", Worker);
        writer.WriteEndObject();
    }

    public static TrialRescored Read(JsonElement data)
    {
        var metrics = TrialMetrics.Read(data);

        return JsonFields.Construct(() => new TrialRescored(
            JsonFields.Int64(data, "trial"),
            JsonFields.Doubles(data, "objectives"),
            metrics,
            JsonFields.Int32(data, "examples"),
            JsonFields.Double(data, "seconds"),
            JsonFields.Optional(data, "reason")?.GetString())
        { Worker = JsonFields.Optional(data, "worker")?.GetString() });
    }
}
