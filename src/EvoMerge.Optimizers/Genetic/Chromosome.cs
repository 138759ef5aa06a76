namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// An immutable vector of real genes. Operators read the genes and build new chromosomes; nothing
/// can change a chromosome after construction, so parents shared between several offspring, the
/// population and exported state can never be altered behind anyone's back.
/// </summary>
public sealed class Chromosome
{
    readonly double[] _genes;

    /// <summary>Copies <paramref name="genes"/>; every gene must be a finite number.</summary>
    public Chromosome(ReadOnlySpan<double> genes) : this(genes.ToArray()) { }

    Chromosome(double[] owned)
    {
        for (int i = 0; i < owned.Length; i++)
            if (!double.IsFinite(owned[i]))
                throw new ArgumentException($"Gene {i} is {owned[i]}; genes must be finite.", "genes");
        _genes = owned;
    }

    /// <summary>Wraps an array nobody else holds, without copying (the operator base classes hand over fresh arrays).</summary>
    internal static Chromosome Adopt(double[] freshArray) => new(freshArray);

    public int Length => _genes.Length;

    public double this[int index] => _genes[index];

    public ReadOnlySpan<double> Genes => _genes;

    /// <summary>A copy the caller may change freely.</summary>
    public double[] ToArray() => (double[])_genes.Clone();

    public override string ToString() => $"[{string.Join(", ", _genes.Select(g => g.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
