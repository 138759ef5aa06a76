using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.State;

/// <summary>The mutable side of <see cref="RunState"/>: applies one event at a time and checks the run's rules.</summary>
internal sealed class RunStateBuilder
{
    public RunCreated? Created { get; private set; }

    public List<BatchAsked> Batches { get; } = [];

    public Dictionary<long, TrialRecord> Trials { get; } = [];

    public List<SnapshotWritten> Snapshots { get; } = [];

    public List<GenerationTimed> Timings { get; } = [];

    public RunFinished? Finished { get; private set; }

    public void Apply(JournalRecord record)
    {
        if (Created is null && record.Event is not RunCreated)
        {
            throw Violation(record, $"the run must start with \"{RunCreated.TypeName}\"");
        }

        switch (record.Event)
        {
            case RunCreated created:
                Created = Created is null ? created : throw Violation(record, "the run was already created");
                break;
            case BatchAsked batch:
                Ask(record, batch);
                break;
            case TrialCompleted completed:
                Finish(record, completed.TrialId, completed.Generation, t => t with { Completion = completed });
                break;
            case TrialFailed failed:
                Finish(record, failed.TrialId, failed.Generation, t => t with { Failure = failed });
                break;
            case TrialRescored rescored:
                Rescore(record, rescored);
                break;
            case SnapshotWritten snapshot:
                Snapshot(record, snapshot);
                break;
            case GenerationTimed timed:
                Time(record, timed);
                break;
            case RunFinished finished:
                Finished = finished;
                break;
        }
    }

    private void Ask(JournalRecord record, BatchAsked batch)
    {
        if (Batches.Count > 0 && batch.Generation <= Batches[^1].Generation)
        {
            throw Violation(record, $"generation {batch.Generation} asked after generation {Batches[^1].Generation}");
        }

        foreach (var candidate in batch.Candidates)
        {
            if (!Trials.TryAdd(candidate.Id, new TrialRecord(candidate.Id, batch.Generation, candidate.Genes.AsReadOnly(), null, null, candidate.Metadata)))
            {
                throw Violation(record, $"trial {candidate.Id} was already asked in generation {Trials[candidate.Id].Generation}");
            }
        }

        Batches.Add(batch);
        Finished = null;
    }

    private void Finish(JournalRecord record, long trialId, int generation, Func<TrialRecord, TrialRecord> finish)
    {
        if (!Trials.TryGetValue(trialId, out var trial))
        {
            throw Violation(record, $"trial {trialId} has an outcome but was never asked");
        }

        if (trial.Status != TrialStatus.Pending)
        {
            throw Violation(record, $"trial {trialId} already {trial.Status.ToString().ToLowerInvariant()}; finished trials never change");
        }

        if (trial.Generation != generation)
        {
            throw Violation(record, $"trial {trialId} belongs to generation {trial.Generation}, not {generation}");
        }

        Trials[trialId] = finish(trial);
    }

    private void Rescore(JournalRecord record, TrialRescored rescored)
    {
        if (!Trials.TryGetValue(rescored.TrialId, out var trial) || trial.Status != TrialStatus.Completed)
        {
            throw Violation(record, $"trial {rescored.TrialId} is rescored but has not completed");
        }

        if (trial.Rescore is not null)
        {
            throw Violation(record, $"trial {rescored.TrialId} was already rescored");
        }

        Trials[rescored.TrialId] = trial with { Rescore = rescored };
    }

    private void Snapshot(JournalRecord record, SnapshotWritten snapshot)
    {
        if (Snapshots.Count > 0 && snapshot.Generation < Snapshots[^1].Generation)
        {
            throw Violation(record, $"snapshot of generation {snapshot.Generation} after one of generation {Snapshots[^1].Generation}");
        }

        Snapshots.Add(snapshot);
    }

    private void Time(JournalRecord record, GenerationTimed timed)
    {
        if (!Batches.Any(b => b.Generation == timed.Generation))
        {
            throw Violation(record, $"generation {timed.Generation} is timed but was never asked");
        }

        Timings.Add(timed);
    }

    private static InvalidDataException Violation(JournalRecord record, string problem) =>
        new($"Journal event {record.Sequence} (line {record.LineNumber}, \"{record.Event.Type}\"): {problem}.");
}
