namespace EvoMerge.Evaluation.Data;

/// <summary>Which side of a <see cref="RandomSplit"/>: the drawn fraction, or the rows left over.</summary>
public enum SplitPart
{
    /// <summary>The <c>round(fraction x rows)</c> rows drawn first.</summary>
    Fraction,

    /// <summary>Every other row.</summary>
    Rest,
}
