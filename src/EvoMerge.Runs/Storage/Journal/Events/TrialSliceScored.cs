using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// One slice of a raced trial was scored (<c>fitness.racing</c>): positions <c>[From, To)</c> of each task's
/// seeded fitness order, the task metrics on those examples and their per-example scores (in task order).
/// A race is decided from these alone, so a resumed run replays it from the journal without scoring again;
/// the trial's <see cref="TrialCompleted"/> follows when its race is over.
/// </summary>
public sealed record TrialSliceScored : JournalEvent
{
    public const string TypeName = "trial_slice_scored";

    public TrialSliceScored(long trialId, int generation, int from, int to, IReadOnlyDictionary<string, double> metrics, IReadOnlyList<double> perExampleScores, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        if (to <= from) throw new ArgumentOutOfRangeException(nameof(to), $"Trial {trialId}: a slice ends after it starts ({from}..{to}).");
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(perExampleScores);
        TrialSeconds.Validate(trialId, seconds);
        TrialId = trialId;
        Generation = generation;
        From = from;
        To = to;
        Metrics = TrialMetrics.Sorted(metrics);
        PerExampleScores = perExampleScores.ToArray().AsReadOnly();
        Seconds = seconds;
    }

    public override string Type => TypeName;

    public long TrialId { get; }

    public int Generation { get; }

    public int From { get; }

    public int To { get; }

    public IReadOnlyDictionary<string, double> Metrics { get; }

    public IReadOnlyList<double> PerExampleScores { get; }

    public double Seconds { get; }

    public string? Worker { get; init; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("trial", TrialId);
        writer.WriteNumber("generation", Generation);
        writer.WriteNumber("from", From);
        writer.WriteNumber("to", To);
        TrialMetrics.Write(writer, Metrics);
        writer.WritePropertyName("perExampleScores");
        JsonDoubles.WriteArray(writer, PerExampleScores);
        writer.WritePropertyName("seconds");
        JsonDoubles.Write(writer, Seconds);
        if (Worker is not null) writer.WriteString("worker", Worker);
        writer.WriteEndObject();
    }

    public static TrialSliceScored Read(JsonElement data)
    {
        var metrics = TrialMetrics.Read(data);

        return JsonFields.Construct(() => new TrialSliceScored(
            JsonFields.Int64(data, "trial"),
            JsonFields.Int32(data, "generation"),
            JsonFields.Int32(data, "from"),
            JsonFields.Int32(data, "to"),
            metrics,
            JsonFields.Doubles(data, "perExampleScores"),
            JsonFields.Double(data, "seconds"))
        { Worker = JsonFields.Optional(data, "worker")?.GetString() });
    }
}
