using EvoMerge.Fitness.Irt;
using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Mean absolute error of each cheap estimate of fitness against full evaluation, on candidates held
/// out from IRT calibration: the full-evaluation search's own trials (the region a search visits),
/// whose per-example scores are already known, so every estimator reads the same answers.
/// </summary>
public sealed record EstimatorErrors(double GpIrt, double PIrt, double Weighted, double RandomSubset, double FixedSubset, int Candidates)
{
    public static EstimatorErrors Measure(AnchorEstimator estimator, IReadOnlyList<(double[] Genes, double[] Scores)> heldOut, int[] labels, int examples, ulong seed)
    {
        var rng = StreamSeeds.For(seed, StreamSeeds.ErrorStudy);
        var fixedRows = Subsets.FixedSubset.Draw(labels.Length, StreamSeeds.For(seed, StreamSeeds.FixedSubset), labels).Take(examples);
        var anchors = estimator.Anchors.Items;
        double gp = 0, p = 0, weighted = 0, random = 0, fixedError = 0;
        foreach (var (_, scores) in heldOut)
        {
            double truth = scores.Average();
            var estimates = estimator.Estimate([.. anchors.Select(i => scores[i])]);
            gp += Math.Abs(estimates.GpIrt.Value - truth);
            p += Math.Abs(estimates.PIrt.Value - truth);
            weighted += Math.Abs(estimates.Weighted.Value - truth);
            random += Math.Abs(Subsets.FixedSubset.Draw(labels.Length, rng).Take(examples).Average(i => scores[i]) - truth);
            fixedError += Math.Abs(fixedRows.Average(i => scores[i]) - truth);
        }
        int n = heldOut.Count;
        return new EstimatorErrors(gp / n, p / n, weighted / n, random / n, fixedError / n, n);
    }
}
