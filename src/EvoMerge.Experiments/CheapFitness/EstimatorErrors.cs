using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Mean absolute error of each cheap estimate of fitness against full evaluation, on candidates held
/// out from IRT calibration: the full-evaluation search's own trials (the region a search visits),
/// whose per-example scores are already known, so every estimator reads the same answers.
/// <see cref="Irt"/> is the error of the estimate the IRT method searched with, replayed as the search runs it: for
/// the per-candidate estimators, fresh anchors per candidate, and with recalibration the first trials of each
/// generation of held-out candidates join the fully scored set after being estimated (every held-out candidate is
/// estimated, none counts as exact). <see cref="RandomSubsetAmortized"/> is a random subset of the anchors plus the
/// recalibration's full scoring per candidate (<c>Recalibration x rows / population</c>). The uniform random subset's
/// error is averaged over <see cref="RandomDraws"/> fresh subsets per candidate, so the baseline of the
/// ratios is not itself noisy.
/// </summary>
public sealed record EstimatorErrors(string Task, ulong Seed, double Irt, double GpIrt, double PIrt, double Weighted, double Difference, double Completion, double RandomSubset, double FixedSubset, int Candidates)
{
    /// <summary>Error of a uniform random subset of the anchors plus the amortized recalibration (equal to <see cref="RandomSubset"/> without it).</summary>
    public double RandomSubsetAmortized { get; init; } = RandomSubset;

    /// <summary>Rows of that larger subset.</summary>
    public int AmortizedExamples { get; init; }

    public const int RandomDraws = 20;

    public static EstimatorErrors Measure(string task, IrtCalibrationSet calibration, IReadOnlyList<(double[] Genes, double[] Scores)> heldOut, IReadOnlyList<int>? strata, CheapFitnessBudget budget, EvoMerge.Core.Optimization.Bounds bounds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(budget);
        int examples = budget.Examples;
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (heldOut.Count == 0) throw new ArgumentException("The estimator study needs at least one held-out candidate.", nameof(heldOut));
        int items = heldOut[0].Scores.Length;
        var rng = StreamSeeds.For(seed, StreamSeeds.ErrorStudy);
        var fixedRows = Subsets.FixedSubset.Draw(items, StreamSeeds.For(seed, StreamSeeds.FixedSubset), strata).Take(examples);
        var irtAnchors = calibration.Irt.Anchors.Items;
        var differenceAnchors = calibration.Difference.Anchors.Items;
        var completionAnchors = calibration.Completion.Anchors;
        var searched = Searched(calibration, heldOut, budget, bounds, seed);
        int amortized = Math.Min(items, examples + (int)Math.Round((double)budget.Recalibration * items / budget.Population));
        double irt = 0, gp = 0, p = 0, weighted = 0, difference = 0, completion = 0, random = 0, randomAmortized = 0, fixedError = 0;
        for (int c = 0; c < heldOut.Count; c++)
        {
            var scores = heldOut[c].Scores;
            double truth = scores.Average();
            var estimates = calibration.Irt.Estimate([.. irtAnchors.Select(i => scores[i])]);
            irt += Math.Abs(searched[c] - truth);
            gp += Math.Abs(estimates.GpIrt.Value - truth);
            p += Math.Abs(estimates.PIrt.Value - truth);
            weighted += Math.Abs(estimates.Weighted.Value - truth);
            difference += Math.Abs(calibration.Difference.Estimate([.. differenceAnchors.Select(i => scores[i])]).Value - truth);
            completion += Math.Abs(calibration.Completion.Estimate([.. completionAnchors.Select(i => scores[i])]).Value - truth);
            for (int draw = 0; draw < RandomDraws; draw++)
                random += Math.Abs(Subsets.FixedSubset.Draw(items, rng).Take(examples).Average(i => scores[i]) - truth) / RandomDraws;
            for (int draw = 0; draw < RandomDraws && amortized != examples; draw++)
                randomAmortized += Math.Abs(Subsets.FixedSubset.Draw(items, rng).Take(amortized).Average(i => scores[i]) - truth) / RandomDraws;
            fixedError += Math.Abs(fixedRows.Average(i => scores[i]) - truth);
        }
        int n = heldOut.Count;
        return new EstimatorErrors(task, seed, irt / n, gp / n, p / n, weighted / n, difference / n, completion / n, random / n, fixedError / n, n)
        {
            RandomSubsetAmortized = amortized == examples ? random / n : randomAmortized / n,
            AmortizedExamples = amortized,
        };
    }

    /// <summary>The IRT method's estimate of each held-out candidate, replayed generation by generation as its search makes it.</summary>
    static double[] Searched(IrtCalibrationSet calibration, IReadOnlyList<(double[] Genes, double[] Scores)> heldOut, CheapFitnessBudget budget, EvoMerge.Core.Optimization.Bounds bounds, ulong seed)
    {
        if (budget.IrtFitness is not (IrtFitness.Neighbour or IrtFitness.Completion))
            return [.. heldOut.Select(h => calibration.Fitness([.. calibration.Anchors.Select(i => h.Scores[i])]))];
        var fullyScored = new FullyScoredSet(bounds);
        foreach (var (genes, answers) in calibration.Models) fullyScored.Add(genes, answers);
        var rng = StreamSeeds.For(seed, StreamSeeds.ErrorStudyAnchors);
        var estimates = new double[heldOut.Count];
        for (int start = 0; start < heldOut.Count; start += budget.Population)
        {
            int end = Math.Min(start + budget.Population, heldOut.Count);
            for (int c = start; c < end; c++)
            {
                var scores = heldOut[c].Scores;
                estimates[c] = fullyScored.Estimate(budget.IrtFitness, heldOut[c].Genes, budget.Examples, rows => [.. rows.Select(i => scores[i])], rng).Value;
            }
            for (int c = start; c < Math.Min(start + budget.Recalibration, end); c++) fullyScored.Add(heldOut[c].Genes, heldOut[c].Scores);
        }
        return estimates;
    }
}
