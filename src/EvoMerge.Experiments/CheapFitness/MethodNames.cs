namespace EvoMerge.Experiments.CheapFitness;

/// <summary>The <c>method</c> values of table.csv (conventions, "Cheap fitness").</summary>
public static class MethodNames
{
    public const string Full = "full";
    public const string RandomSubset = "random_subset";
    public const string FixedSubset = "fixed_subset";
    public const string Racing = "racing";
    public const string Irt = "irt";

    public static IReadOnlyList<string> All { get; } = [Full, RandomSubset, FixedSubset, Racing, Irt];
}
