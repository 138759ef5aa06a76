using System.Globalization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Evaluation.Data;

/// <summary>
/// A seeded shuffle of the rows, cut after <c>round(Fraction x rows)</c>: <see cref="SplitPart.Fraction"/> and
/// <see cref="SplitPart.Rest"/> with the same fraction and seed are disjoint and together cover every row.
/// The shuffle depends only on the seed and the row count.
/// </summary>
public sealed record RandomSplit : RowSelection
{
    public RandomSplit(double fraction, ulong seed, SplitPart part)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the split fraction must lie strictly between 0 and 1.");
        }

        if (!Enum.IsDefined(part))
        {
            throw new ArgumentOutOfRangeException(nameof(part), part, "not a split part");
        }

        (Fraction, Seed, Part) = (fraction, seed, part);
    }

    public double Fraction { get; }

    public ulong Seed { get; }

    public SplitPart Part { get; }

    public override IReadOnlyList<int> PickRows(int rowCount, string source)
    {
        var order = Enumerable.Range(0, rowCount).ToArray();
        var rng = new Rng(Seed);
        for (var i = rowCount - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var cut = (int)Math.Round(Fraction * rowCount, MidpointRounding.AwayFromZero);
        var rows = Part == SplitPart.Fraction ? order[..cut] : order[cut..];
        if (rows.Length == 0)
        {
            throw new TaskDataException($"{source}: {Describe()} leaves no rows ({rowCount} rows in all).");
        }

        Array.Sort(rows);
        return rows;
    }

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"split {Fraction:R} seed {Seed} {Part.ToString().ToLowerInvariant()}");
}
