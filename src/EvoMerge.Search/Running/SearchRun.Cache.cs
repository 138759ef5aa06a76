using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    readonly ScoreCache? _cache;

    /// <summary>
    /// Trials whose recipe an earlier completed trial already built reuse its outcome; of several identical
    /// new ones in a batch only the first is evaluated and the others wait for it (and are evaluated after all
    /// if it fails).
    /// </summary>
    void EvaluateWithCache(ScoreCache cache, IReadOnlyList<TrialRequest> pending, int generation, Dictionary<long, TrialOutcome> outcomes,
                           IProgress<SearchProgress>? progress, CancellationToken ct)
    {
        cache.Learn(State());
        var evaluate = new List<TrialRequest>();
        var waiting = new List<(TrialRequest Request, string Key)>();
        var firstOfKey = new HashSet<string>(StringComparer.Ordinal);
        foreach (var request in pending)
        {
            string key = cache.KeyOf(request);
            if (cache.SourceOf(key) is { } source) outcomes[request.TrialId] = RecordCached(request.TrialId, source, generation, progress);
            else if (firstOfKey.Add(key)) evaluate.Add(request);
            else waiting.Add((request, key));
        }
        Dispatch(evaluate, generation, outcomes, progress, ct);

        if (waiting.Count == 0) return;
        cache.Learn(State());
        var again = new List<TrialRequest>();
        foreach (var (request, key) in waiting)
        {
            if (cache.SourceOf(key) is { } source) outcomes[request.TrialId] = RecordCached(request.TrialId, source, generation, progress);
            else again.Add(request);
        }
        Dispatch(again, generation, outcomes, progress, ct);
    }

    /// <summary>Journals a copy of <paramref name="source"/>'s outcome for another trial (no evaluation time).</summary>
    TrialOutcome RecordCached(long trialId, TrialCompleted source, int generation, IProgress<SearchProgress>? progress)
    {
        var copy = new TrialCompleted(trialId, generation, source.Objectives, source.Metrics, source.PerExampleScores, 0) { CachedFrom = source.TrialId };
        Timings.Time("journal", () => Append(copy));
        progress?.Report(Progress(generation, replaying: false));
        return TrialOutcome.Success(trialId, ObjectiveSet.ForOptimizer(source.Objectives), source.PerExampleScores?.ToArray());
    }
}
