using EvoMerge.Fitness.Racing;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>How much one task's searches spend: candidates, population, subset size and calibration.</summary>
public sealed record CheapFitnessBudget
{
    /// <summary>Candidates per search (CMA-ES, population <see cref="Population"/>).</summary>
    public required int Evaluations { get; init; }

    public required int Population { get; init; }

    /// <summary>Examples per candidate for the subset methods, and anchors for IRT.</summary>
    public required int Examples { get; init; }

    /// <summary>Random candidates scored in full to calibrate IRT, beside the sources and simple merges.</summary>
    public required int CalibrationRandomCandidates { get; init; }

    /// <summary>Best trials by estimated fitness re-scored on the full fitness set at the end (winner check).</summary>
    public int WinnerCheck { get; init; } = 5;

    /// <summary>The racing method's slices and confidence (its rank depth is set to half the population).</summary>
    public RacingOptions Racing { get; init; } = new(Start: 32, Growth: 2, Confidence: 0.95);

    /// <summary>The IRT method's fitness: the reference difference (default), gp-IRT, or the weighted anchors alone.</summary>
    public IrtFitness IrtFitness { get; init; } = IrtFitness.Difference;

    /// <summary>
    /// Trials at the start of every generation the IRT method scores in full (their fitness is their full score) and
    /// adds to the models the per-candidate estimators read, so that set follows the search (0: only the calibration).
    /// </summary>
    public int Recalibration { get; init; }

    /// <summary>Choose IRT anchors within the problem's strata (labels) rather than over all items at once.</summary>
    public bool StratifiedAnchors { get; init; }

    /// <summary>Every problem with the budget, each naming the task and field.</summary>
    public IReadOnlyList<string> Problems(string task)
    {
        var problems = new List<string>();
        if (Population < 4) problems.Add($"{task}: population is {Population}; CMA-ES needs at least 4.");
        if (Evaluations < Population * 2) problems.Add($"{task}: evaluations ({Evaluations}) must cover at least two generations of {Population}.");
        if (Examples < 2) problems.Add($"{task}: examples is {Examples}; use at least 2.");
        if (CalibrationRandomCandidates < 0) problems.Add($"{task}: calibration random candidates cannot be negative.");
        problems.AddRange(Racing.Problems().Select(p => $"{task}: {p}"));
        if (Recalibration < 0 || Recalibration >= Population) problems.Add($"{task}: recalibration ({Recalibration}) must be at least 0 and less than the population ({Population}).");
        if (WinnerCheck < 1) problems.Add($"{task}: the winner check must re-score at least 1 trial.");
        return problems;
    }
}
