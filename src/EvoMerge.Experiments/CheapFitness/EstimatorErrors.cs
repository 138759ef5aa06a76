using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Mean absolute error of each cheap estimate of fitness against full evaluation, on candidates held
/// out from IRT calibration: the full-evaluation search's own trials (the region a search visits),
/// whose per-example scores are already known, so every estimator reads the same answers.
/// <see cref="Irt"/> is the error of the estimate the IRT method searched with. The uniform random subset's
/// error is averaged over <see cref="RandomDraws"/> fresh subsets per candidate, so the baseline of the
/// ratios is not itself noisy.
/// </summary>
public sealed record EstimatorErrors(string Task, ulong Seed, double Irt, double GpIrt, double PIrt, double Weighted, double Difference, double Completion, double RandomSubset, double FixedSubset, int Candidates)
{
    public const int RandomDraws = 20;

    public static EstimatorErrors Measure(string task, IrtCalibrationSet calibration, IReadOnlyList<(double[] Genes, double[] Scores)> heldOut, IReadOnlyList<int>? strata, int examples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (heldOut.Count == 0) throw new ArgumentException("The estimator study needs at least one held-out candidate.", nameof(heldOut));
        int items = heldOut[0].Scores.Length;
        var rng = StreamSeeds.For(seed, StreamSeeds.ErrorStudy);
        var fixedRows = Subsets.FixedSubset.Draw(items, StreamSeeds.For(seed, StreamSeeds.FixedSubset), strata).Take(examples);
        var irtAnchors = calibration.Irt.Anchors.Items;
        var differenceAnchors = calibration.Difference.Anchors.Items;
        var completionAnchors = calibration.Completion.Anchors;
        double irt = 0, gp = 0, p = 0, weighted = 0, difference = 0, completion = 0, random = 0, fixedError = 0;
        foreach (var (_, scores) in heldOut)
        {
            double truth = scores.Average();
            var estimates = calibration.Irt.Estimate([.. irtAnchors.Select(i => scores[i])]);
            irt += Math.Abs(calibration.Fitness([.. calibration.Anchors.Select(i => scores[i])]) - truth);
            gp += Math.Abs(estimates.GpIrt.Value - truth);
            p += Math.Abs(estimates.PIrt.Value - truth);
            weighted += Math.Abs(estimates.Weighted.Value - truth);
            difference += Math.Abs(calibration.Difference.Estimate([.. differenceAnchors.Select(i => scores[i])]).Value - truth);
            completion += Math.Abs(calibration.Completion.Estimate([.. completionAnchors.Select(i => scores[i])]).Value - truth);
            for (int draw = 0; draw < RandomDraws; draw++)
                random += Math.Abs(Subsets.FixedSubset.Draw(items, rng).Take(examples).Average(i => scores[i]) - truth) / RandomDraws;
            fixedError += Math.Abs(fixedRows.Average(i => scores[i]) - truth);
        }
        int n = heldOut.Count;
        return new EstimatorErrors(task, seed, irt / n, gp / n, p / n, weighted / n, difference / n, completion / n, random / n, fixedError / n, n);
    }
}
