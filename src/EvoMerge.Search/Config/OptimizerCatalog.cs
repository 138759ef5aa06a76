namespace EvoMerge.Search.Config;

/// <summary>The optimizers a search can use, by their CSV names.</summary>
public static class OptimizerCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["cmaes", "sep-cmaes", "ipop-cmaes", "bipop-cmaes", "ga", "nsga2", "m2n2", "random"];

    /// <summary>Optimizers that handle several objectives (the others minimize one value).</summary>
    public static bool IsMultiObjective(string name) => name is "nsga2" or "random";

    /// <summary>Optimizers that ask a few candidates at a time (optimizer.batch_size) rather than a generation.</summary>
    public static bool IsSteadyState(string name) => name is "m2n2";

    /// <summary>How many candidates the optimizer asks at once when that is fixed by the config (steady-state ones); null for generational ones.</summary>
    public static int? FixedBatch(OptimizerSpec spec) => IsSteadyState(spec.Name) ? spec.BatchSize ?? 1 : null;
}
