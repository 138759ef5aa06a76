using System.Globalization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    /// <summary>
    /// The winner check (<c>fitness.rescore_top: K</c>), run once when the run stops, before <c>run_finished</c>:
    /// the K best completed trials by each objective (as raced or estimated) are scored again on the whole
    /// fitness set and each outcome is journaled (<see cref="TrialRescored"/>), so a resume skips those done and
    /// a finished run never redoes it. <c>best/</c> then picks among the rescored trials by their full scores.
    /// </summary>
    void RescoreBest(int count, CancellationToken ct)
    {
        var state = State();
        var completed = state.Trials.Where(t => t.Completion is { } c && c.Objectives.All(double.IsFinite)).ToList();
        var chosen = new SortedSet<long>();
        for (int k = 0; k < _setup.Schema.Objectives.Count; k++)
        {
            double sign = _setup.Schema.Objectives[k].Maximize ? -1 : 1;
            foreach (var trial in completed.OrderBy(t => sign * t.Completion!.Objectives[k]).ThenBy(t => t.TrialId).Take(count))
                chosen.Add(trial.TrialId);
        }
        var requests = chosen.Select(id => state.TrialsById[id]).Where(t => t.Rescore is null)
            .Select(t => new TrialRequest(RunId, _setup.Evaluator.ConfigHash, t.TrialId, t.Generation, [.. t.Genes], TrialSeeds.For(_setup.Config.Seed, t.TrialId)))
            .ToList();
        if (requests.Count == 0) return;
        int examples = _setup.Fitness.Examples;
        _options.Log?.Invoke($"winner check: scoring {requests.Count} of the best {chosen.Count} trials on all {examples} fitness examples.");
        var asking = requests.Select(r => r.TrialId).ToHashSet();
        var answered = new HashSet<long>();
        foreach (var result in _dispatcher.EvaluateAsync(requests, ct).ToBlockingEnumerable(ct))
        {
            // The trial was scored before (raced, on anchors): only a result of a whole-set request counts.
            if (!asking.Contains(result.TrialId) || result.Slice is not null || result.Anchored || !answered.Add(result.TrialId)) continue;
            var rescored = result.Succeeded
                ? new TrialRescored(result.TrialId, _setup.Objectives.Compute(result.Metrics!), result.Metrics!, examples, result.Seconds) { Worker = result.Worker }
                : new TrialRescored(result.TrialId, [], new Dictionary<string, double>(), 0, result.Seconds, result.FailureReason) { Worker = result.Worker };
            Timings.Time("journal", () =>
            {
                Append(rescored);
                Commit();
            });
            _options.Log?.Invoke(rescored.Succeeded
                ? $"winner check: trial {result.TrialId}: {Describe(rescored.Objectives)} in full ({Describe(state.TrialsById[result.TrialId].Completion!.Objectives)} before)."
                : $"winner check: trial {result.TrialId} could not be scored in full: {rescored.Reason}");
        }
        if (requests.FirstOrDefault(r => !answered.Contains(r.TrialId)) is { } missing)
            throw new InvalidOperationException($"the trial dispatcher ended the winner check without a result for trial {missing.TrialId}.");
    }

    string Describe(IReadOnlyList<double> objectives) =>
        string.Join(", ", _setup.Schema.Objectives.Select((o, k) => $"{o.Name} {objectives[k].ToString("G6", CultureInfo.InvariantCulture)}"));
}
