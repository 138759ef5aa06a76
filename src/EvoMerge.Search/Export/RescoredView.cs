using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Search.Export;

/// <summary>
/// The run as <c>best/</c>, <c>test.csv</c> and <c>export --best</c> see it after a winner check
/// (<c>fitness.rescore_top</c>): only the trials rescored in full, each with its full metrics and objectives,
/// so an estimate that was lucky on few examples cannot win. A run without rescored trials is itself.
/// </summary>
public static class RescoredView
{
    public static RunState Of(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rescored = state.Trials.Where(t => t.Rescore is { Succeeded: true }).ToList();
        if (rescored.Count == 0) return state;
        var events = new List<JournalEvent> { state.Created };
        foreach (var generation in rescored.GroupBy(t => t.Generation).OrderBy(g => g.Key))
        {
            events.Add(new BatchAsked(generation.Key, [.. generation.Select(t => new Candidate(t.TrialId, [.. t.Genes], t.Metadata))]));
            foreach (var t in generation)
            {
                var full = t.Rescore!;
                events.Add(new TrialCompleted(t.TrialId, t.Generation, full.Objectives, full.Metrics, null, full.Seconds) { Examples = full.Examples, Worker = full.Worker });
            }
        }
        return RunState.From(events);
    }
}
