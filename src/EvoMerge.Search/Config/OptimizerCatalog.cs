namespace EvoMerge.Search.Config;

/// <summary>The optimizers a search can use, by their CSV names.</summary>
public static class OptimizerCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["cmaes", "sep-cmaes", "ipop-cmaes", "bipop-cmaes", "ga", "nsga2", "m2n2", "random"];

    /// <summary>Optimizers that handle several objectives (the others minimize one value).</summary>
    public static bool IsMultiObjective(string name) => name is "nsga2" or "random";
}
