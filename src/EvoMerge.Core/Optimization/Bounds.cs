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

    /// <summary>
    /// <paramref name="x"/> mapped into the unit box, gene i to <c>(x_i - lower_i) / (upper_i - lower_i)</c>: distances
    /// between genomes then weigh every gene alike, whatever its range (a layer weight in [0, 1] beside a density in [0, 100]).
    /// </summary>
    public double[] ToUnitBox(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != Dimension)
            throw new ArgumentException($"Got {x.Count} genes for bounds of {Dimension}.", nameof(x));
        var unit = new double[x.Count];
        for (int i = 0; i < unit.Length; i++) unit[i] = (x[i] - Lower[i]) / (Upper[i] - Lower[i]);
        return unit;
    }

    public bool Contains(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < x.Length; i++) if (x[i] < Lower[i] || x[i] > Upper[i]) return false;
        return true;
    }
}
