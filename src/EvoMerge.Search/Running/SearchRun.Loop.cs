using System.Diagnostics;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    long _lastCommit = Stopwatch.GetTimestamp();
    long _lastSnapshot;
    int _lastSnapshotGeneration = -1;
    long _lastCsv = Stopwatch.GetTimestamp();
    bool _snapshotTaken;
    GenerationClock? _generationClock;
    bool _commitDue;

    /// <summary>
    /// Runs until a stop reason (budget, optimizer) or cancellation. Cancellation (Ctrl-C) stops after
    /// journaling what finished: the run can be resumed. Fatal evaluation errors propagate after the journal
    /// is committed and the CSVs written.
    /// </summary>
    public SearchOutcome Run(IProgress<SearchProgress>? progress = null, CancellationToken ct = default)
    {
        try
        {
            var state = State();
            foreach (var batch in state.Batches.Where(b => b.Generation > _snapshotGeneration).ToList())
                RunGeneration(batch.Generation, batch, progress, ct);

            while (true)
            {
                var reasons = StopReasons();
                if (reasons.Count > 0)
                {
                    if (!_snapshotTaken) SaveSnapshot(_tally.NextGeneration - 1);
                    if (!_tally.IsFinished)
                    {
                        if (_setup.Config.Fitness.RescoreTop is int top) RescoreBest(top, ct);
                        Append(new RunFinished(reasons));
                    }
                    _folder.Journal.Commit();
                    WriteDerived();
                    return Outcome(SearchEnd.Finished, reasons);
                }
                RunGeneration(_tally.NextGeneration, null, progress, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            StopGenerationClock();
            _folder.Journal.Commit();
            WriteDerived();
            return Outcome(SearchEnd.Interrupted, ["interrupted"]);
        }
        catch
        {
            // No timing for the stretch a fatal error ended: saving what was evaluated matters more than its clock.
            try { _folder.Journal.Commit(); WriteDerived(); }
            catch (Exception inner) { _options.Log?.Invoke($"could not save the journal after the error: {inner.Message}"); }
            throw;
        }
    }

    /// <summary>One generation: ask (and check against the journal when replaying), evaluate what has no outcome yet, tell.</summary>
    void RunGeneration(int generation, BatchAsked? recorded, IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        _generationClock = new GenerationClock(generation, _gauge);
        // Candidates left over from a generation the budget cut come before anything new.
        var offered = _untold.Count > 0 ? _untold : Timings.Time("ask", _optimizer.Ask);
        IReadOnlyList<Candidate> asked;
        if (recorded is not null)
        {
            _untold = UntoldCandidates.Replay(recorded, offered);
            asked = recorded.Candidates;
        }
        else
        {
            (asked, _untold) = UntoldCandidates.Cut(offered, RemainingEvaluations());
            Timings.Time("journal", () => Append(new BatchAsked(generation, asked)));
        }

        var ordered = _setup.Config.Fitness.Racing is { } racing
            ? RaceGeneration(racing, generation, asked, progress, ct)
            : EvaluateGeneration(generation, asked, recorded is not null, progress, ct);
        // The previous generation's commit, when no dispatch of this one made it (every outcome known, racing).
        CommitIfDue();
        Timings.Time("tell", () => _optimizer.Tell(ordered));
        Timings.Time("journal", () =>
        {
            StopGenerationClock();
            if (!_snapshotTaken || Stopwatch.GetElapsedTime(_lastSnapshot) >= _options.SnapshotInterval) SaveSnapshot(generation);
            // Committed once the next generation is out on the dispatcher (Dispatch), so the fsync overlaps its
            // evaluation instead of holding every slot idle at the barrier; a run that stops here commits in Run.
            _commitDue = true;
        });
        if (Stopwatch.GetElapsedTime(_lastCsv) >= _options.CsvInterval) WriteDerived();
    }

    /// <summary>Evaluates what has no journaled outcome yet (through the score cache when on) and returns the outcomes in asked order.</summary>
    List<TrialOutcome> EvaluateGeneration(int generation, IReadOnlyList<Candidate> asked, bool replaying, IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        var known = replaying ? State().TrialsById : new Dictionary<long, TrialRecord>();
        var outcomes = new Dictionary<long, TrialOutcome>(asked.Count);
        var pending = new List<TrialRequest>();
        foreach (var candidate in asked)
        {
            ct.ThrowIfCancellationRequested();
            var trial = known.GetValueOrDefault(candidate.Id);
            if (trial?.Completion is { } done)
                outcomes[candidate.Id] = TrialOutcome.Success(done.TrialId, ObjectiveSet.ForOptimizer(done.Objectives), done.PerExampleScores?.ToArray());
            else if (trial?.Failure is { } failed)
                outcomes[candidate.Id] = TrialOutcome.Failure(failed.TrialId, failed.Reason);
            else
            {
                pending.Add(Request(candidate, generation));
                continue;
            }
            progress?.Report(Progress(generation, replaying));
        }

        if (_cache is not null) EvaluateWithCache(_cache, pending, generation, outcomes, progress, ct);
        else if (_setup.Config.Fitness.Irt is { } irt) DispatchWithIrt(irt, asked, pending, generation, outcomes, progress, ct);
        else Dispatch(pending, generation, outcomes, progress, ct);
        if (asked.FirstOrDefault(c => !outcomes.ContainsKey(c.Id)) is { } missing)
            throw new InvalidOperationException($"the trial dispatcher ended the batch without a result for trial {missing.Id}.");

        return asked.Select(c => outcomes[c.Id]).ToList();
    }

    /// <summary>Sends trials to the dispatcher and records each result as it arrives.</summary>
    /// <param name="keepScores">Journal the per-example scores whatever the optimizer (IRT calibration trials).</param>
    void Dispatch(IReadOnlyList<TrialRequest> pending, int generation, Dictionary<long, TrialOutcome> outcomes, IProgress<SearchProgress>? progress, CancellationToken ct,
                  bool keepScores = false)
    {
        if (pending.Count == 0) return;
        var asking = pending.Select(r => r.TrialId).ToHashSet();
        var results = _dispatcher.EvaluateAsync(pending, ct).GetAsyncEnumerator(ct);
        try
        {
            // The first step hands the batch over (a farm's workers start on it); the commit waits for no result.
            var first = results.MoveNextAsync();
            CommitIfDue();
            for (bool more = Await(first); more; more = Await(results.MoveNextAsync()))
            {
                var result = results.Current;
                // A result for another trial, or a second one for the same trial (a retried worker), is dropped:
                // the first journaled outcome is the trial's outcome.
                if (!asking.Contains(result.TrialId) || outcomes.ContainsKey(result.TrialId)) continue;
                outcomes[result.TrialId] = keepScores ? Record(result, generation, keepScores, _setup.Fitness.Examples) : Record(result, generation);
                Timings.CountTrial();
                progress?.Report(Progress(generation, replaying: false));
            }
        }
        finally
        {
            Await(results.DisposeAsync());
        }
    }

    static bool Await(ValueTask<bool> step) => step.IsCompletedSuccessfully ? step.Result : step.AsTask().GetAwaiter().GetResult();

    static void Await(ValueTask step)
    {
        if (!step.IsCompletedSuccessfully) step.AsTask().GetAwaiter().GetResult();
    }

    IReadOnlyList<string> StopReasons()
    {
        var reasons = new List<string>();
        long finished = _tally.Finished;
        if (_setup.Config.Budget.Evaluations is long budget && finished >= budget)
            reasons.Add($"budget: {finished} evaluations (of {budget})");
        if (_setup.Config.Budget.WallTime is TimeSpan wall && Elapsed >= wall)
            reasons.Add($"budget: wall time {wall}");
        if (_setup.Config.Budget.Patience is { } patience && PlateauStop.Reason(patience, State(), _tally.NextGeneration) is { } plateau)
            reasons.Add($"budget: {plateau}");
        reasons.AddRange(OptimizerStopText.Describe(_optimizer, _setup.Config.Optimizer).Select(r => $"optimizer: {r}"));
        return reasons;
    }

    /// <summary>Evaluations the count budget still allows; null without one.</summary>
    long? RemainingEvaluations() => _setup.Config.Budget.Evaluations is long budget ? budget - _tally.Finished : null;

    TimeSpan Elapsed => TimeSpan.FromSeconds(_elapsedBefore) + _clock.Elapsed;

    /// <summary>
    /// Saves the optimizer after <paramref name="generation"/>; skipped for generations a journaled snapshot
    /// already covers (a resume that replays from an older snapshot or from the start).
    /// </summary>
    void SaveSnapshot(int generation)
    {
        if (generation < 0 || generation <= _lastSnapshotGeneration) return;
        _lastSnapshotGeneration = generation;
        var snapshot = new JsonObject
        {
            [SnapshotOptimizerKey] = _optimizer.ExportState(),
            [SnapshotElapsedKey] = Elapsed.TotalSeconds,
            [UntoldCandidates.SnapshotKey] = UntoldCandidates.ToJson(_untold),
        };
        Append(_folder.Snapshots.Save(generation, snapshot));
        _lastSnapshot = Stopwatch.GetTimestamp();
        _snapshotTaken = true;
        SnapshotPruning.KeepNewest(_folder.Snapshots.Folder, keep: 2);
    }

    /// <summary>Journals the wall-clock facts of the generation stretch now ending (when it evaluated anything).</summary>
    void StopGenerationClock()
    {
        var clock = _generationClock;
        _generationClock = null;
        if (clock?.Stop() is { } timed) Append(timed);
    }

    void Append(JournalEvent journalEvent)
    {
        _generationClock?.Saw(journalEvent);
        _folder.Journal.Append(journalEvent);
        _events.Add(journalEvent);
        _tally.Apply(journalEvent);
        _state = null;
    }

    void Commit()
    {
        _folder.Journal.Commit();
        _lastCommit = Stopwatch.GetTimestamp();
        _commitDue = false;
    }

    void CommitIfDue()
    {
        if (_commitDue) Timings.Time("journal", Commit);
    }

    RunState? _state;

    /// <summary>The run as journaled so far (recomputed only after new events).</summary>
    RunState State() => _state ??= RunState.From(_events);

    SearchOutcome Outcome(SearchEnd end, IReadOnlyList<string> reasons) =>
        new(Folder, end, reasons, _tally.Completed, _tally.Failed, _tally.MostCommonFailure);
}
