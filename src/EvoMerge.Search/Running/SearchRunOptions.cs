using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

/// <summary>How often a run makes its progress durable and visible; the defaults suit overnight runs.</summary>
public sealed record SearchRunOptions
{
    /// <summary>
    /// The journal is fsynced once per generation (right after the next generation is handed to the dispatcher,
    /// so the fsync overlaps its evaluation; at the end of the run) and, within one, at most this long after a trial.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// An optimizer snapshot is written after the first generation and then once this much time has passed.
    /// Snapshots only shorten a resume: generations journaled after the last one are replayed from the journal.
    /// </summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>trials.csv, generations.csv and pareto.csv are refreshed this often while the run goes on.</summary>
    public TimeSpan CsvInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where command evaluators put the merged models they get (the command line's <c>--scratch</c>); it wins over
    /// the config's <c>scratch:</c>; null = that, else the system temp folder.
    /// </summary>
    public string? ScratchRoot { get; init; }

    public RunJournalOptions? Journal { get; init; }

    /// <summary>
    /// Evaluates each generation's new trials (e.g. on workers); the caller owns and disposes it. Null: the run
    /// evaluates them itself, one at a time, with an <see cref="InProcessDispatcher"/>.
    /// </summary>
    public ITrialDispatcher? Dispatcher { get; init; }

    /// <summary>
    /// How busy the <see cref="Dispatcher"/>'s slots were, for generations.csv's slot columns (a farm reads its
    /// workers). Null: a run that evaluates in its own process measures its one slot; one with another
    /// dispatcher leaves the slot columns empty.
    /// </summary>
    public ISlotGauge? SlotGauge { get; init; }

    /// <summary>Notes for the user (resume details, skipped snapshots, evaluator notes).</summary>
    public Action<string>? Log { get; init; }

    internal string ScratchFor(Config.SearchConfig config) => ScratchRoot ?? config.Scratch ?? Path.GetTempPath();
}
