namespace EvoMerge.Fitness.Racing;

/// <summary>What a race knows about the order of two candidates under full evaluation.</summary>
public enum PairVerdict
{
    Undecided,
    FirstBetter,
    SecondBetter,
    /// <summary>Equal means on the full fitness set (only ever decided there).</summary>
    Tied,
}
