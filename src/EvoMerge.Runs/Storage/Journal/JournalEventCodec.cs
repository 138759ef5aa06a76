using System.Collections.Frozen;
using System.Text.Json;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// Maps event type names to readers. <see cref="Default"/> knows the built-in events; a new event kind
/// is one more entry there.
/// </summary>
public sealed class JournalEventCodec
{
    private readonly FrozenDictionary<string, Func<JsonElement, JournalEvent>> _readers;

    private JournalEventCodec(IEnumerable<KeyValuePair<string, Func<JsonElement, JournalEvent>>> readers)
    {
        _readers = readers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static JournalEventCodec Default { get; } = new(new Dictionary<string, Func<JsonElement, JournalEvent>>
    {
        [RunCreated.TypeName] = RunCreated.Read,
        [BatchAsked.TypeName] = BatchAsked.Read,
        [TrialCompleted.TypeName] = TrialCompleted.Read,
        [TrialFailed.TypeName] = TrialFailed.Read,
        [TrialSliceScored.TypeName] = TrialSliceScored.Read,
        [TrialRescored.TypeName] = TrialRescored.Read,
        [SnapshotWritten.TypeName] = SnapshotWritten.Read,
        [GenerationTimed.TypeName] = GenerationTimed.Read,
        [RunFinished.TypeName] = RunFinished.Read,
    });

    public IReadOnlyCollection<string> Types => _readers.Keys;

    public JournalEvent Read(string type, JsonElement data)
    {
        if (!_readers.TryGetValue(type, out var read))
        {
            throw new JournalFormatException(
                $"Unknown event type \"{type}\" (known: {string.Join(", ", _readers.Keys.Order(StringComparer.Ordinal))}); was the run written by a newer EvoMerge?");
        }

        var journalEvent = read(data);
        return journalEvent.Type == type
            ? journalEvent
            : throw new JournalFormatException($"The reader for \"{type}\" returned a \"{journalEvent.Type}\" event.");
    }
}
