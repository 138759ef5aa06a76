namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>The reference test functions of algorithms.md §4 (all minimal, 0, at the origin or at 1 for Rosenbrock).</summary>
public static class TestFunctions
{
    public static double Sphere(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (var v in x) sum += v * v;
        return sum;
    }

    /// <summary>sum 1e6^((i-1)/(n-1)) x_i^2 (i counted from 1).</summary>
    public static double Ellipsoid(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n == 1) return x[0] * x[0];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.Pow(1e6, i / (double)(n - 1)) * x[i] * x[i];
        return sum;
    }

    /// <summary>sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2.</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    /// <summary>x_1^2 + 1e6 sum_{i>1} x_i^2.</summary>
    public static double Cigar(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 1; i < x.Length; i++) sum += x[i] * x[i];
        return x[0] * x[0] + 1e6 * sum;
    }

    /// <summary>Function by its benchmark name: sphere, ellipsoid, rosenbrock, cigar.</summary>
    public static Func<double[], double> ByName(string name) => name switch
    {
        "sphere" => x => Sphere(x),
        "ellipsoid" => x => Ellipsoid(x),
        "rosenbrock" => x => Rosenbrock(x),
        "cigar" => x => Cigar(x),
        _ => throw new ArgumentException($"Unknown test function '{name}'. Known: {string.Join(", ", Names)}."),
    };

    public static IReadOnlyList<string> Names { get; } = ["sphere", "ellipsoid", "rosenbrock", "cigar"];
}
