using EvoMerge.Runs.Storage;

namespace EvoMerge.Search.Running;

/// <summary>
/// Running counts of a run (finished trials, failures, best objective values, next generation), kept up
/// to date event by event so progress and stop checks cost nothing per trial however long the run.
/// </summary>
internal sealed class RunTally
{
    readonly IReadOnlyList<ObjectiveInfo> _objectives;
    readonly double?[] _best;

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
            case TrialFailed:
                Failed++;
                break;
            case RunFinished:
                IsFinished = true;
                break;
        }
    }
}
