using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>A trial's evaluation failed (a state, not a crash): why, and how long it ran.</summary>
public sealed record TrialFailed : JournalEvent
{
    public const string TypeName = "trial_failed";

    public TrialFailed(long trialId, int generation, string reason, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        TrialSeconds.Validate(trialId, seconds);
        TrialId = trialId;
        Generation = generation;
        Reason = reason;
        Seconds = seconds;
    }

    public override string Type => TypeName;

    public long TrialId { get; }

    public int Generation { get; }

    public string Reason { get; }

    public double Seconds { get; }

    /// <summary>Who evaluated it (a farm worker's name, "in-process", or "" when every worker it went to was lost); null in older journals.</summary>
    public string? Worker { get; init; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("trial", TrialId);
        writer.WriteNumber("generation", Generation);
        writer.WriteString("reason", Reason);
        writer.WritePropertyName("seconds");
        JsonDoubles.Write(writer, Seconds);
        if (Worker is not null) writer.WriteString("worker", Worker);
        writer.WriteEndObject();
    }

    public static TrialFailed Read(JsonElement data) => JsonFields.Construct(() => new TrialFailed(
        JsonFields.Int64(data, "trial"),
        JsonFields.Int32(data, "generation"),
        JsonFields.String(data, "reason"),
        JsonFields.Double(data, "seconds"))
    { Worker = JsonFields.Optional(data, "worker")?.GetString() });
}
