using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Search.Optimizers;

/// <summary>The optimizers a search can use, by their CSV names: adding one is a descriptor and a line here.</summary>
public static class OptimizerRegistry
{
    static readonly IReadOnlyList<OptimizerDescriptor> All =
    [
        new CmaEsDescriptor("cmaes", CmaCovarianceMode.Full),
        new CmaEsDescriptor("sep-cmaes", CmaCovarianceMode.Separable),
        RestartingCmaEsDescriptor.Ipop,
        RestartingCmaEsDescriptor.Bipop,
        new CmaWithMarginDescriptor(),
        new GeneticAlgorithmDescriptor(),
        new Nsga2Descriptor(),
        new M2N2Descriptor(),
        new RandomSearchDescriptor(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToList();

    public static bool TryGet(string name, out OptimizerDescriptor descriptor)
    {
        descriptor = All.FirstOrDefault(d => d.Name == name)!;
        return descriptor is not null;
    }

    /// <summary>The descriptor of <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static OptimizerDescriptor Get(string name) =>
        TryGet(name, out var descriptor) ? descriptor : throw new ArgumentException(UnknownName(name));

    public static string UnknownName(string name) => $"unknown optimizer '{name}'; valid: {string.Join(", ", Names)}.";
}
