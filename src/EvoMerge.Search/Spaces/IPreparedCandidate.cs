using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// A trial's model built (<see cref="ISearchSpace.Prepare"/>) and waiting to be scored. Building and scoring are
/// apart so a farm slot can build its next candidate while the current one is scored; disposing frees the
/// candidate's memory at once, scored or not.
/// </summary>
public interface IPreparedCandidate : IDisposable
{
    /// <summary>Scores the candidate on <paramref name="tasks"/>; a candidate whose build failed comes back failed with the reason.</summary>
    TrialEvaluation Score(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct);

    /// <summary>
    /// Does the part of scoring on <paramref name="tasks"/> that needs no evaluation device (a command task's
    /// files), so a farm slot does it while its previous candidate is scored. Nothing for candidates without such work.
    /// </summary>
    void Stage(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
    }
}
