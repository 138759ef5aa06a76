using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// Brings operator output back into the box. Clamping (rather than reflecting or resampling) keeps
/// the repair deterministic and draws no random numbers; it piles a little probability mass on the
/// bounds, which is harmless for merge coefficients whose optimum often lies on a bound.
/// </summary>
public static class GeneRepair
{
    /// <summary>Clamps in place; a non-finite gene means the operator is broken, so it is an error.</summary>
    public static void ClampInto(double[] genes, Bounds bounds, string producer)
    {
        if (genes.Length != bounds.Dimension)
            throw new InvalidOperationException($"{producer} produced {genes.Length} genes; the bounds have {bounds.Dimension}.");
        for (int i = 0; i < genes.Length; i++)
        {
            if (!double.IsFinite(genes[i]))
                throw new InvalidOperationException($"{producer} produced the non-finite gene {genes[i]} at position {i}.");
            genes[i] = Math.Clamp(genes[i], bounds.Lower[i], bounds.Upper[i]);
        }
    }
}
