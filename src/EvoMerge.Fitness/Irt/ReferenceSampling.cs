using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Draws anchors where a reference answer vector is least sure: example <c>i</c> gets the share
/// <c>q_i = (1 - f) sqrt(r_i (1 - r_i)) / sum_j sqrt(r_j (1 - r_j)) + f / N</c> (Neyman allocation for a 0/1
/// answer of probability <c>r_i</c>, mixed with a uniform share <c>f</c> so that no example is out of reach and
/// a wrong reference costs variance, never bias). The inclusion probabilities are <c>pi_i = n q_i</c>, those above
/// 1 drawn for certain and the rest rescaled; the others are drawn by systematic sampling with one uniform
/// start over the examples ordered by <c>r_i</c>, which spreads the anchors over the reference's range like a
/// stratified sample and draws exactly <c>n</c> distinct anchors.
/// </summary>
public static class ReferenceSampling
{
    /// <summary>The uniform share <c>f</c>; the offline study (experiments/cheap-fitness/analysis/neighbour.py) had 0.3 ahead of 0.1 and 0.5.</summary>
    public const double DefaultUniformShare = 0.3;

    public static ReferenceSample Draw(IReadOnlyList<double> reference, int count, Rng rng, double uniformShare = DefaultUniformShare)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(rng);
        int n = reference.Count;
        if (n == 0) throw new ArgumentException("The reference covers no examples.", nameof(reference));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "Draw at least one anchor.");
        if (uniformShare is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(uniformShare), "The uniform share must be in (0, 1].");
        double[] r = [.. reference.Select(v => Math.Clamp(v, 0, 1))];
        var pi = InclusionProbabilities(r, Math.Min(count, n), uniformShare);

        var order = Enumerable.Range(0, n).OrderBy(i => r[i]).ThenBy(i => i).ToArray();
        var chosen = order.Where(i => pi[i] >= 1).ToList();
        var uncertain = order.Where(i => pi[i] < 1).ToArray();
        int remaining = Math.Min(count, n) - chosen.Count;
        if (remaining > 0)
        {
            double start = rng.NextDouble(), cumulative = 0;
            int next = 0;
            foreach (int i in uncertain)
            {
                cumulative += pi[i];
                // Every point start + t below the running total picks this example; pi < 1 makes that at most one.
                while (next < remaining && start + next < cumulative)
                {
                    chosen.Add(i);
                    next++;
                }
            }
            // Rounding can leave the last point just past the total: it belongs to the last example not yet taken.
            for (int j = uncertain.Length - 1; next < remaining && j >= 0; j--)
                if (!chosen.Contains(uncertain[j]))
                {
                    chosen.Add(uncertain[j]);
                    next++;
                }
        }
        var items = chosen.Distinct().Order().ToArray();
        return new ReferenceSample(r, items, [.. items.Select(i => pi[i])]);
    }

    /// <summary><c>pi_i = n q_i</c>, capped at 1 with the excess spread over the rest in proportion, so that they sum to <c>n</c>.</summary>
    static double[] InclusionProbabilities(double[] r, int count, double uniformShare)
    {
        int n = r.Length;
        var pi = new double[n];
        if (count >= n)
        {
            Array.Fill(pi, 1.0);
            return pi;
        }
        double[] spread = [.. r.Select(v => Math.Sqrt(v * (1 - v)))];
        double total = spread.Sum();
        for (int i = 0; i < n; i++)
        {
            double informed = total > 0 ? spread[i] / total : 1.0 / n;
            pi[i] = count * ((1 - uniformShare) * informed + uniformShare / n);
        }
        var certain = new bool[n];
        while (true)
        {
            int certainCount = 0;
            bool capped = false;
            for (int i = 0; i < n; i++)
            {
                if (!certain[i] && pi[i] >= 1)
                {
                    certain[i] = true;
                    capped = true;
                }
                if (certain[i]) certainCount++;
            }
            if (!capped) break;
            double rest = 0;
            for (int i = 0; i < n; i++) if (!certain[i]) rest += pi[i];
            for (int i = 0; i < n; i++) pi[i] = certain[i] ? 1 : pi[i] * (count - certainCount) / rest;
        }
        return pi;
    }
}
