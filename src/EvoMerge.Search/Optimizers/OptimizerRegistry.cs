using EvoMerge.Optimizers.Cma;
using EvoMerge.Search.Registries;

namespace EvoMerge.Search.Optimizers;

/// <summary>The optimizers a search can use, by their CSV names: adding one is a descriptor and a line here.</summary>
public static class OptimizerRegistry
{
    static readonly NamedChoices<OptimizerDescriptor> Choices = new("optimizer",
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
    ], d => d.Name);

    public static IReadOnlyList<string> Names => Choices.Names;

    public static bool TryGet(string name, out OptimizerDescriptor descriptor) => Choices.TryGet(name, out descriptor);

    /// <summary>The descriptor of <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static OptimizerDescriptor Get(string name) => Choices.Get(name);

    public static string UnknownName(string name) => Choices.UnknownName(name);
}
