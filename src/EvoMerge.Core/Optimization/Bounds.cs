namespace EvoMerge.Core.Optimization;

/// <summary>Box constraints, one [lower, upper] interval per gene. Validated on construction.</summary>
public sealed class Bounds
{
    public double[] Lower { get; }
    public double[] Upper { get; }
    public int Dimension => Lower.Length;

    public Bounds(double[] lower, double[] upper)
    {
        if (lower.Length != upper.Length)
            throw new ArgumentException($"Bounds need as many lower ({lower.Length}) as upper ({upper.Length}) values.");
        for (int i = 0; i < lower.Length; i++)
            if (!(lower[i] < upper[i]))
                throw new ArgumentException($"Gene {i}: lower bound {lower[i]} must be below upper bound {upper[i]}.");
        Lower = (double[])lower.Clone();
        Upper = (double[])upper.Clone();
    }

    public static Bounds Uniform(int dimension, double lower, double upper) =>
        new(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());

    public bool Contains(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++) if (x[i] < Lower[i] || x[i] > Upper[i]) return false;
        return true;
    }
}
