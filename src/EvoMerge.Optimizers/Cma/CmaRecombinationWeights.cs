namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Log-rank recombination weights with active (negative) weights for the worst offspring, as in
/// Hansen's tutorial (arXiv:1604.00772, eq. 49-53) and pycma's <c>RecombinationWeights</c>.
/// Positive weights sum to 1; the negative ones are scaled to sum to
/// -min(1 + c1/cmu, 1 + 2 mu_eff^- / (mu_eff + 2), (1 - c1 - cmu) / (n cmu)).
/// </summary>
public sealed class CmaRecombinationWeights
{
    /// <summary>All lambda weights, best rank first.</summary>
    public double[] Values { get; }

    /// <summary>Number of strictly positive weights (the parents).</summary>
    public int Mu { get; }

    /// <summary>Variance-effective selection mass of the positive weights.</summary>
    public double MuEff { get; }

    /// <summary>Sum of all weights, negative ones included.</summary>
    public double Sum { get; }

    CmaRecombinationWeights(double[] values, int mu, double muEff)
    {
        Values = values;
        Mu = mu;
        MuEff = muEff;
        Sum = values.Sum();
    }

    /// <summary>Raw log-rank weights, positive part normalized; negative part normalized to sum -1.</summary>
    public static (double[] Raw, int Mu, double MuEff) Raw(int lambda)
    {
        var w = new double[lambda];
        for (int i = 0; i < lambda; i++) w[i] = Math.Log((lambda + 1) / 2.0) - Math.Log(i + 1);
        int mu = w.Count(v => v > 0);
        double positive = w.Take(mu).Sum();
        for (int i = 0; i < lambda; i++) w[i] /= positive;
        double negative = w.Skip(mu).Sum();
        if (negative != 0) for (int i = mu; i < lambda; i++) w[i] /= -negative;
        double muEff = 1 / w.Take(mu).Sum(v => v * v);
        return (w, mu, muEff);
    }

    /// <summary>Final weights once the learning rates (which depend on mu_eff) are known.</summary>
    public static CmaRecombinationWeights Finalize(double[] raw, int mu, double muEff, int dimension, double c1, double cmu)
    {
        var w = (double[])raw.Clone();
        double negativeSum = -w.Skip(mu).Sum(); // 1 unless every non-positive weight is zero
        if (negativeSum > 0 && cmu > 0)
        {
            double sumNegSquares = w.Skip(mu).Sum(v => v * v);
            double muEffMinus = negativeSum * negativeSum / sumNegSquares;
            double target = Math.Min(1 + c1 / cmu,
                Math.Min((1 - c1 - cmu) / (dimension * cmu), 1 + 2 * muEffMinus / (muEff + 2)));
            target = Math.Max(target, 0);
            for (int i = mu; i < w.Length; i++) w[i] *= target / negativeSum;
        }
        else
        {
            for (int i = mu; i < w.Length; i++) w[i] = 0;
        }
        return new CmaRecombinationWeights(w, mu, muEff);
    }
}
