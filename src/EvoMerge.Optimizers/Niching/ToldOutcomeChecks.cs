using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Niching;

/// <summary>The checks on a told outcome that M2N2 and MAP-Elites share (both keep one open batch of candidates).</summary>
internal static class ToldOutcomeChecks
{
    /// <summary>
    /// Throws unless the outcome answers a candidate of the open batch that was told neither before
    /// nor earlier in this Tell (<paramref name="seen"/>); a completed outcome needs an objective.
    /// Returns the completed outcome, or null for a failed one.
    /// </summary>
    public static TrialOutcome.Completed? RequireAskedOnce(
        TrialOutcome outcome, List<Candidate> pending, IReadOnlyDictionary<long, TrialOutcome> told, HashSet<long> seen)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        long id = outcome.CandidateId;
        if (!pending.Exists(c => c.Id == id)) throw new ArgumentException($"Candidate {id} was not asked in the current batch.");
        if (told.ContainsKey(id) || !seen.Add(id)) throw new ArgumentException($"Candidate {id} was already told.");
        if (outcome is not TrialOutcome.Completed done) return null;
        if (done.Objectives is null || done.Objectives.Length == 0)
            throw new ArgumentException($"Candidate {id}: a completed outcome needs at least one objective value.");
        return done;
    }

    /// <summary>Per-example scores feed resource sharing and descriptors: each must be finite and non-negative.</summary>
    public static void RequireUsableScores(long id, double[] scores)
    {
        foreach (var s in scores)
            if (!(s >= 0) || double.IsInfinity(s))
                throw new ArgumentException($"Candidate {id}: per-example scores must be finite and >= 0 (got {s}).");
    }
}
