using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.State;

/// <summary>
/// What a journal says about a run, computed by replaying its events: every trial with its status,
/// the pending ones (asked, no outcome yet: resume evaluates exactly these again), the snapshots,
/// the generation counter and whether the run finished. Events that break the run's rules (an
/// outcome for a trial never asked, a second outcome, generations going backwards) throw
/// <see cref="InvalidDataException"/> naming the event. Event kinds it does not know are skipped.
/// </summary>
public sealed class RunState
{
    private RunState(RunStateBuilder built)
    {
        Created = built.Created!;
        Batches = built.Batches.AsReadOnly();
        Trials = built.Trials.Values.OrderBy(t => t.TrialId).ToList().AsReadOnly();
        TrialsById = Trials.ToDictionary(t => t.TrialId).AsReadOnly();
        Snapshots = built.Snapshots.AsReadOnly();
        Timings = built.Timings.AsReadOnly();
        Finished = built.Finished;
    }

    public RunCreated Created { get; }

    /// <summary>The asked batches, one per generation, in order.</summary>
    public IReadOnlyList<BatchAsked> Batches { get; }

    /// <summary>All asked trials, by id.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }

    public IReadOnlyDictionary<long, TrialRecord> TrialsById { get; }

    /// <summary>Asked but neither completed nor failed, by id.</summary>
    public IReadOnlyList<TrialRecord> Pending => Trials.Where(t => t.Status == TrialStatus.Pending).ToList();

    public IReadOnlyList<SnapshotWritten> Snapshots { get; }

    /// <summary>The wall-clock facts of the evaluated stretches of generations, in journal order (none in journals from before them).</summary>
    public IReadOnlyList<GenerationTimed> Timings { get; }

    public SnapshotWritten? LastSnapshot => Snapshots.Count == 0 ? null : Snapshots[^1];

    /// <summary>The highest generation asked so far; null before the first batch.</summary>
    public int? LastAskedGeneration => Batches.Count == 0 ? null : Batches[^1].Generation;

    /// <summary>The generation number the next batch gets.</summary>
    public int NextGeneration => LastAskedGeneration + 1 ?? 0;

    /// <summary>The last <see cref="RunFinished"/>, unless a batch was asked after it (a resumed run).</summary>
    public RunFinished? Finished { get; }

    public static RunState From(JournalReplay replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return From(replay.Records);
    }

    public static RunState From(IEnumerable<JournalEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return From(events.Select((e, i) => new JournalRecord(i, i + 1, e)));
    }

    public static RunState From(IEnumerable<JournalRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new RunStateBuilder();
        foreach (var record in records)
        {
            builder.Apply(record);
        }

        return builder.Created is null
            ? throw new InvalidDataException($"The journal has no \"{RunCreated.TypeName}\" event.")
            : new RunState(builder);
    }
}
