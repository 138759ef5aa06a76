using System.Diagnostics.CodeAnalysis;
using EvoMerge.Merging.Methods.Interpolation;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.Merging.Methods.Selective;
using EvoMerge.Merging.Methods.TaskArithmeticFamily;

namespace EvoMerge.Merging.Methods;

/// <summary>The supported merge methods by their mergekit names (exact, case-sensitive as in mergekit).</summary>
public static class MergeMethodRegistry
{
    public static IReadOnlyList<IMergeMethod> All { get; } = Build();

    static readonly IReadOnlyDictionary<string, IMergeMethod> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IMergeMethod Get(string name) =>
        TryGet(name, out var method)
            ? method
            : throw new ArgumentException($"unknown merge method '{name}'; valid methods: {string.Join(", ", All.Select(m => m.Name))}", nameof(name));

    public static bool TryGet(string name, [MaybeNullWhen(false)] out IMergeMethod method)
    {
        method = null;
        return name is not null && ByName.TryGetValue(name, out method);
    }

    static IReadOnlyList<IMergeMethod> Build()
    {
        var methods = new List<IMergeMethod> { new Linear() };
        methods.AddRange(TaskArithmeticVariants.All.Select(v => new TaskArithmeticFamilyMethod(v)));
        methods.AddRange([new Slerp(), new Nuslerp(), new ModelStock(), new Passthrough()]);
        methods.AddRange([new Multislerp(), new Karcher(), new Sce(), new Nearswap(), new ArceeFusion(), new Ram(), new RamPlusTensorLocal()]);
        // Methods from the papers EvoMerge builds on (not in mergekit): docs/merge-methods-papers.md.
        methods.AddRange([new LayerIncreasingScaling(), new TaskSingularVectors(), new ConsensusTaskArithmetic(), new WeightDisentanglement(), new FisherMerging()]);
        return methods;
    }
}
