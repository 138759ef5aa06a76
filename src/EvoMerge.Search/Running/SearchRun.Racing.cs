using System.Diagnostics;
using EvoMerge.Core.Optimization;
using EvoMerge.Fitness.Racing;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    /// <summary>
    /// <c>fitness.racing</c>: races the generation (<see cref="GenerationRace"/>) and returns what the optimizer
    /// is told, in <paramref name="asked"/> order. Every scored slice is journaled as it arrives and the race is
    /// decided from the journaled slices alone, so a resume (also one killed in the middle of a race) re-scores
    /// only the slices missing from the journal and reaches the same ranking. Each round's slices go to the
    /// dispatcher as one batch (a farm scores them in parallel).
    /// </summary>
    List<TrialOutcome> RaceGeneration(RacingOptions options, int generation, IReadOnlyList<Candidate> asked, IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        var taskExamples = _setup.Fitness.Tasks.Select(t => t.Examples).ToArray();
        var race = new GenerationRace(options, _setup.Config.Tasks, taskExamples, asked.Count);
        var index = asked.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var journaled = _events.OfType<TrialSliceScored>().Where(s => s.Generation == generation && index.ContainsKey(s.TrialId))
                               .ToDictionary(s => (s.TrialId, s.From));
        var failures = new Dictionary<long, string>();
        foreach (var candidate in asked)
            if (State().TrialsById.GetValueOrDefault(candidate.Id)?.Failure is { } failed)
            {
                failures[candidate.Id] = failed.Reason;
                race.Withdraw(index[candidate.Id]);
            }

        do
        {
            var requests = new List<TrialRequest>();
            foreach (var slice in race.Wanted)
            {
                var candidate = asked[slice.Candidate];
                if (journaled.TryGetValue((candidate.Id, slice.From), out var known))
                {
                    if (known.To != slice.To)
                        throw new InvalidOperationException($"the journal has trial {candidate.Id} scored on positions {known.From}..{known.To - 1}, but the race now asks for {slice.From}..{slice.To - 1}; the run cannot be replayed.");
                    race.Record(slice.Candidate, known);
                }
                else
                {
                    requests.Add(Request(candidate, generation) with { Slice = new FitnessSlice(slice.From, slice.To) });
                }
            }
            DispatchSlices(requests, generation, race, index, failures, ct);
        }
        while (race.Advance());

        var result = race.Result();
        var objectives = new Dictionary<int, double[]>();
        for (int i = 0; i < asked.Count; i++)
        {
            long id = asked[i].Id;
            if (failures.ContainsKey(id)) continue;
            var completion = State().TrialsById.GetValueOrDefault(id)?.Completion;
            if (completion is null)
            {
                var metrics = race.Metrics(i);
                completion = new TrialCompleted(id, generation, _setup.Objectives.Compute(metrics), metrics, null, race.Seconds(i))
                {
                    Examples = race.Examples(i),
                    Worker = race.Worker(i),
                };
                Timings.Time("journal", () => Append(completion));
                Timings.CountTrial();
                progress?.Report(Progress(generation, replaying: false));
            }
            objectives[i] = [.. completion.Objectives];
        }

        var told = GenerationRace.ValuesAlongRanking(result.Ranking, c => objectives.TryGetValue(c, out var v) ? v[0] : null);
        return [.. asked.Select<Candidate, TrialOutcome>((c, i) => failures.TryGetValue(c.Id, out string? reason)
            ? TrialOutcome.Failure(c.Id, reason)
            : TrialOutcome.Success(c.Id, ObjectiveSet.ForOptimizer([told[i]])))];
    }

    /// <summary>Scores one round's slices; a slice that fails fails its trial (journaled at once) and takes it out of the race.</summary>
    void DispatchSlices(IReadOnlyList<TrialRequest> requests, int generation, GenerationRace race, Dictionary<long, int> index, Dictionary<long, string> failures,
                        CancellationToken ct)
    {
        if (requests.Count == 0) return;
        var asking = requests.ToDictionary(r => r.TrialId, r => r.Slice!);
        var answered = new HashSet<long>();
        foreach (var result in _dispatcher.EvaluateAsync(requests, ct).ToBlockingEnumerable(ct))
        {
            // As for whole trials: the first result for a request is the one that counts.
            // A result must answer this slice: the same trial was asked for other slices before. Only a result
            // the infrastructure made up (every worker lost) names none, and it is a failure.
            if (!asking.TryGetValue(result.TrialId, out var slice) || (result.Slice is { } echoed ? echoed != slice : result.Succeeded)
                || !answered.Add(result.TrialId)) continue;
            int candidate = index[result.TrialId];
            string? reason = result.FailureReason;
            if (reason is null && result.PerExampleScores is null)
                reason = "a task gave no per-example scores, which fitness.racing compares";
            else if (reason is null && result.PerExampleScores!.Length != race.ScoresIn(slice))
                reason = $"the tasks gave {result.PerExampleScores.Length} per-example scores on positions {slice.From}..{slice.To - 1}, expected {race.ScoresIn(slice)}";
            if (reason is not null)
            {
                failures[result.TrialId] = reason;
                race.Withdraw(candidate);
                JournalSliceEvent(new TrialFailed(result.TrialId, generation, reason, result.Seconds) { Worker = result.Worker });
                continue;
            }
            var scored = new TrialSliceScored(result.TrialId, generation, slice.From, slice.To, result.Metrics!, result.PerExampleScores!, result.Seconds) { Worker = result.Worker };
            JournalSliceEvent(scored);
            race.Record(candidate, scored);
        }
        if (requests.FirstOrDefault(r => !answered.Contains(r.TrialId)) is { } missing)
            throw new InvalidOperationException($"the trial dispatcher ended the round without a result for trial {missing.TrialId}.");
    }

    void JournalSliceEvent(JournalEvent journalEvent) => Timings.Time("journal", () =>
    {
        Append(journalEvent);
        if (Stopwatch.GetElapsedTime(_lastCommit) >= _options.CommitInterval) Commit();
    });
}
