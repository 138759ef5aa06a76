using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// The covariance model of CMA-ES in units of sigma^2: how standard normal vectors z become steps
/// y ~ N(0, C), how C learns from weighted steps, and the quantities the stop criteria read.
/// </summary>
internal abstract class CmaCovariance
{
    public abstract int Dimension { get; }

    /// <summary>y_k = C^(1/2) z_k for the first <paramref name="count"/> rows (each of length n).</summary>
    public abstract void Transform(ReadOnlySpan<double> z, Span<double> y, int count);

    /// <summary>
    /// C^(-1/2) y given the z that produced y through <see cref="Transform"/> (any linear combination
    /// of sampled z). Uses the decomposition the samples were drawn with, as pycma does.
    /// </summary>
    public abstract void InverseSqrtOfTransformed(ReadOnlySpan<double> z, Span<double> result);

    /// <summary>C = decay * C + sum_t weights[t] v_t v_t^T over the rows v_t of <paramref name="vectors"/>.</summary>
    public abstract void Update(double decay, ReadOnlySpan<double> vectors, ReadOnlySpan<double> weights, int count);

    /// <summary>Brings the sampling transformation up to date when due; false on a degenerate matrix.</summary>
    public abstract bool DecomposeIfDue();

    /// <summary>C_ii.</summary>
    public abstract double Variance(int i);

    /// <summary>C_ij (symmetric).</summary>
    public abstract double Entry(int i, int j);

    /// <summary>Square roots of the largest and smallest eigenvalues at the last decomposition.</summary>
    public abstract double MaxAxisLength { get; }
    public abstract double MinAxisLength { get; }

    public double ConditionNumber => MaxAxisLength * MaxAxisLength / (MinAxisLength * MinAxisLength);

    /// <summary>The k-th principal axis scaled by its length (d_k b_k).</summary>
    public abstract void PrincipalAxis(int k, Span<double> destination);

    public abstract JsonObject Export();

    /// <summary>Overwrites this model with an exported one of the same kind and size.</summary>
    public abstract void CopyFrom(JsonObject exported);
}
