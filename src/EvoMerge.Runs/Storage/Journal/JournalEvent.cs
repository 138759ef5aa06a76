using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// One fact in a run's journal. Each kind has a stable <see cref="Type"/> name and writes its own
/// data object; <see cref="JournalEventCodec"/> maps names back to readers, so new kinds are added
/// as new records plus one codec entry, without touching the journal.
/// </summary>
public abstract record JournalEvent
{
    /// <summary>Stable name written to the line's "type" member (snake_case).</summary>
    public abstract string Type { get; }

    /// <summary>Writes the event's data as one JSON object.</summary>
    public abstract void WriteData(Utf8JsonWriter writer);
}
