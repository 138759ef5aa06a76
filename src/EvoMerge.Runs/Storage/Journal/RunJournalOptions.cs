using EvoMerge.Runs.Storage.Files;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// How a journal commits and reads. By default <see cref="RunJournal.Append"/> only buffers and the
/// caller commits (once per generation, as the conventions allow); <see cref="CommitEveryAppend"/>
/// makes every line durable on its own.
/// </summary>
public sealed record RunJournalOptions
{
    public static RunJournalOptions Default { get; } = new();

    public bool CommitEveryAppend { get; init; }

    public IDiskFlush DiskFlush { get; init; } = OsDiskFlush.Instance;

    public JournalEventCodec Codec { get; init; } = JournalEventCodec.Default;
}
