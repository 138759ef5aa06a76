using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>
/// A test function with discrete genes: which genes are discrete (null = continuous), the box every
/// gene lies in, the start and step size, and the function (minimal value 0). <see cref="Evaluate"/>
/// rounds each discrete gene to its nearest allowed value first, which is how plain CMA-ES is run on
/// such a problem; genes from CMA-ES with margin are already allowed values and pass unchanged.
/// </summary>
public sealed record MixedIntegerProblem(
    string Name, IReadOnlyList<DiscreteValues?> Discrete, Bounds Box, double[] X0, double Sigma0, Func<double[], double> Function)
{
    public int Dimension => X0.Length;

    public double Evaluate(double[] genes)
    {
        var rounded = new double[genes.Length];
        for (int i = 0; i < genes.Length; i++) rounded[i] = Discrete[i] is { } values ? values.Encode(genes[i]) : genes[i];
        return Function(rounded);
    }
}
