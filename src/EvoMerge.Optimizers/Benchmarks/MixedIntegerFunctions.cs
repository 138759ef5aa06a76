using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>
/// Binary and mixed-integer test problems (minimal value 0) on which CMA-ES with margin is compared
/// with plain CMA-ES rounding its samples: OneMax and LeadingOnes over n bits (x0 = 0.5, sigma0 = 0.5,
/// box [0, 1]), and the mixed sphere of Hamano et al. (first half continuous, second half integers in
/// [-10, 10], box [-10, 10], x0 = 2, sigma0 = 1).
/// </summary>
public static class MixedIntegerFunctions
{
    public static IReadOnlyList<string> Names { get; } = ["onemax", "leadingones", "mixed-sphere"];

    /// <summary>n minus the number of ones.</summary>
    public static double OneMax(ReadOnlySpan<double> bits)
    {
        double ones = 0;
        foreach (var b in bits) ones += b;
        return bits.Length - ones;
    }

    /// <summary>n minus the number of ones before the first zero.</summary>
    public static double LeadingOnes(ReadOnlySpan<double> bits)
    {
        int leading = 0;
        while (leading < bits.Length && bits[leading] == 1) leading++;
        return bits.Length - leading;
    }

    /// <summary>sum x_i^2 over every gene; the problem makes the second half integer.</summary>
    public static double MixedSphere(ReadOnlySpan<double> x) => TestFunctions.Sphere(x);

    public static MixedIntegerProblem Create(string name, int n)
    {
        if (n < 2) throw new ArgumentException($"Mixed-integer problems need at least two genes (got {n}).");
        return name switch
        {
            "onemax" => Binary(name, n, x => OneMax(x)),
            "leadingones" => Binary(name, n, x => LeadingOnes(x)),
            "mixed-sphere" => new MixedIntegerProblem(name,
                [.. Enumerable.Range(0, n).Select(i => i < n / 2 ? null : DiscreteValues.Integers(-10, 10))],
                Bounds.Uniform(n, -10, 10), Enumerable.Repeat(2.0, n).ToArray(), 1.0, x => MixedSphere(x)),
            _ => throw new ArgumentException($"Unknown mixed-integer function '{name}'. Known: {string.Join(", ", Names)}."),
        };
    }

    static MixedIntegerProblem Binary(string name, int n, Func<double[], double> f) =>
        new(name, [.. Enumerable.Range(0, n).Select(_ => DiscreteValues.Binary())],
            Bounds.Uniform(n, 0, 1), Enumerable.Repeat(0.5, n).ToArray(), 0.5, f);
}
