using System.Text.RegularExpressions;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Search.Running;

/// <summary>
/// Running counts of a run (finished trials, failures, best objective values, next generation), kept up
/// to date event by event so progress and stop checks cost nothing per trial however long the run.
/// </summary>
internal sealed partial class RunTally
{
    readonly IReadOnlyList<ObjectiveInfo> _objectives;
    readonly double?[] _best;
    // Failure reasons by shape (digits masked, so "trial 3 timed out after 31 s" and "trial 7 ... 30 s" count together).
    readonly Dictionary<string, (string Example, long Count)> _failures = new(StringComparer.Ordinal);

    public RunTally(IReadOnlyList<ObjectiveInfo> objectives, IEnumerable<JournalEvent> events)
    {
        _objectives = objectives;
        _best = new double?[objectives.Count];
        foreach (var e in events) Apply(e);
    }

    public long Completed { get; private set; }

    public long Failed { get; private set; }

    public long Finished => Completed + Failed;

    public int NextGeneration { get; private set; }

    /// <summary>A run_finished event is the latest word (no batch asked after it).</summary>
    public bool IsFinished { get; private set; }

    public IReadOnlyList<(string Objective, double? Best)> Best =>
        _objectives.Select((o, i) => (o.Name, _best[i])).ToList();

    /// <summary>The most frequent failure reason (its first example and count; ties: the one seen first); null without failures.</summary>
    public (string Reason, long Count)? MostCommonFailure
    {
        get
        {
            if (_failures.Count == 0) return null;
            var top = _failures.Values.MaxBy(f => f.Count);
            return (top.Example, top.Count);
        }
    }

    public void Apply(JournalEvent journalEvent)
    {
        switch (journalEvent)
        {
            case BatchAsked batch:
                NextGeneration = Math.Max(NextGeneration, batch.Generation + 1);
                IsFinished = false;
                break;
            case TrialCompleted done:
                Completed++;
                for (int k = 0; k < _best.Length && k < done.Objectives.Count; k++)
                {
                    double v = done.Objectives[k];
                    if (_best[k] is not double b || (_objectives[k].Maximize ? v > b : v < b)) _best[k] = v;
                }
                break;
            case TrialFailed failed:
                Failed++;
                string shape = Digits().Replace(failed.Reason, "#");
                _failures[shape] = _failures.TryGetValue(shape, out var seen) ? (seen.Example, seen.Count + 1) : (failed.Reason, 1);
                break;
            case RunFinished:
                IsFinished = true;
                break;
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
