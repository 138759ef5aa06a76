using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary><c>optimizer: {name, population, sigma0, mutation_sigma, batch_size}</c>; names as in the benchmark CSVs.</summary>
internal static class OptimizerSection
{

    public static OptimizerSpec? Read(YamlFields f, YamlMappingNode root)
    {
        var map = f.Mapping(root, "optimizer", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "optimizer", ["name", "population", "sigma0", "mutation_sigma", "batch_size"]);
        string? name = f.String(map, "name", "optimizer", required: true);
        if (name is not null && !OptimizerCatalog.Names.Contains(name))
        {
            f.Problems.Add($"optimizer.name: unknown optimizer '{name}'; valid: {string.Join(", ", OptimizerCatalog.Names)}.");
            name = null;
        }
        long? populationValue = f.Integer(map, "population", "optimizer", 2);
        if (populationValue > int.MaxValue) f.Problems.Add($"optimizer.population: {populationValue} is too large (typical: 10 to 100).");
        int? population = populationValue > int.MaxValue ? null : (int?)populationValue;
        double? sigma0 = f.Number(map, "sigma0", "optimizer");
        if (sigma0 is <= 0) f.Problems.Add("optimizer.sigma0: must be positive.");
        double? mutation = f.Number(map, "mutation_sigma", "optimizer");
        if (mutation is < 0) f.Problems.Add("optimizer.mutation_sigma: must not be negative.");
        // A steady-state optimizer breeds from everything told so far: how many it asks at once changes its
        // results, so the batch is part of the experiment, never derived from the number of workers.
        long? batch = f.Integer(map, "batch_size", "optimizer", 1);
        if (batch > 100_000) f.Problems.Add($"optimizer.batch_size: {batch} is too large (typical: the number of evaluation slots).");
        if (batch is not null && name is not null && !OptimizerCatalog.IsSteadyState(name))
            f.Problems.Add($"optimizer.batch_size: only steady-state optimizers ({string.Join(", ", OptimizerCatalog.Names.Where(OptimizerCatalog.IsSteadyState))}) take a batch size; {name} asks a whole generation (population:) at once.");
        return name is null ? null : new OptimizerSpec(name, population, sigma0, mutation) { BatchSize = batch is > 100_000 ? null : (int?)batch };
    }
}
