using EvoMerge.Search.Registries;
using EvoMerge.Search.Spaces.DataFlow;
using EvoMerge.Search.Spaces.ParameterSpace;

namespace EvoMerge.Search.Spaces;

/// <summary>The genome kinds a search can use, by their YAML names: adding one is a folder with its kind and a line here.</summary>
public static class GenomeKindRegistry
{
    // The first is the default of a config without genome.kind.
    static readonly NamedChoices<GenomeKind> Choices = new("genome kind",
    [
        new ParameterSpaceGenomeKind(),
        new DataFlowGenomeKind(),
    ], k => k.Name);

    static IReadOnlyList<GenomeKind> All => Choices.Items;

    public static IReadOnlyList<string> Names => Choices.Names;

    public static IReadOnlyList<GenomeKind> Kinds => All;

    /// <summary>The kind of a config that names none.</summary>
    public static GenomeKind Default => All[0];

    public static bool TryGet(string name, out GenomeKind kind) => Choices.TryGet(name, out kind);

    /// <summary>The kind named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static GenomeKind Get(string name) => Choices.Get(name);

    public static string UnknownName(string name) => Choices.UnknownName(name);

    /// <summary>Every field some kind takes (a field of another kind is refused naming the kinds it is for).</summary>
    public static IReadOnlyList<string> AllFields { get; } = All.SelectMany(k => k.Fields).Distinct().ToList();
}
