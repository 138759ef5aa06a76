using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// Wall-clock facts about a stretch of one generation that this process evaluated: how long it took
/// (<see cref="Seconds"/>, from asking the generation to telling the optimizer), how many trials it evaluated,
/// and, when the evaluator could say, the slot time its evaluation slots were there (<see cref="SlotSeconds"/>)
/// and the part of it spent scoring candidates (<see cref="BusySeconds"/>). They feed generations.csv's timing
/// columns and nothing else: a resumed run needs not repeat them, and they never decide a result. A generation
/// evaluated in two stretches (an interruption between them) has one event per stretch; one replayed without
/// evaluating anything has none.
/// </summary>
public sealed record GenerationTimed : JournalEvent
{
    public const string TypeName = "generation_timed";

    public GenerationTimed(int generation, double seconds, int trials, double? slotSeconds = null, double? busySeconds = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        Validate(generation, seconds, nameof(seconds));
        if (slotSeconds.HasValue != busySeconds.HasValue)
        {
            throw new ArgumentException($"Generation {generation}: slot seconds and busy seconds come together (or neither).", nameof(busySeconds));
        }

        if (slotSeconds is double slot) Validate(generation, slot, nameof(slotSeconds));
        if (busySeconds is double busy) Validate(generation, busy, nameof(busySeconds));
        Generation = generation;
        Seconds = seconds;
        Trials = trials;
        SlotSeconds = slotSeconds;
        BusySeconds = busySeconds;
    }

    public override string Type => TypeName;

    public int Generation { get; }

    /// <summary>Wall-clock length of the stretch.</summary>
    public double Seconds { get; }

    /// <summary>Trials evaluated in the stretch (outcomes reused from the score cache are not counted).</summary>
    public int Trials { get; }

    /// <summary>Slot time offered during the stretch (slots times seconds, as workers came and went); null when unknown.</summary>
    public double? SlotSeconds { get; }

    /// <summary>Slot time spent scoring candidates during the stretch; null when unknown.</summary>
    public double? BusySeconds { get; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("generation", Generation);
        writer.WritePropertyName("seconds");
        JsonDoubles.Write(writer, Seconds);
        writer.WriteNumber("trials", Trials);
        if (SlotSeconds is double slot)
        {
            writer.WritePropertyName("slotSeconds");
            JsonDoubles.Write(writer, slot);
        }

        if (BusySeconds is double busy)
        {
            writer.WritePropertyName("busySeconds");
            JsonDoubles.Write(writer, busy);
        }

        writer.WriteEndObject();
    }

    public static GenerationTimed Read(JsonElement data) => JsonFields.Construct(() => new GenerationTimed(
        JsonFields.Int32(data, "generation"),
        JsonFields.Double(data, "seconds"),
        JsonFields.Int32(data, "trials"),
        JsonFields.Optional(data, "slotSeconds") is not null ? JsonFields.Double(data, "slotSeconds") : null,
        JsonFields.Optional(data, "busySeconds") is not null ? JsonFields.Double(data, "busySeconds") : null));

    private static void Validate(int generation, double seconds, string name)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(name, seconds, $"Generation {generation}: {name} must be finite and not negative.");
        }
    }
}
