using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.TaskArithmeticFamily;

namespace EvoMerge.Search.Genomes;

/// <summary>Whether a merge method draws random numbers (DARE's and DELLA's masks), so that its trial seed is part of the model.</summary>
public static class MergeRandomness
{
    public static bool UsesSeed(string method) =>
        !MergeMethodRegistry.TryGet(method, out var m)
        || m is TaskArithmeticFamilyMethod { Variant.Sparsification: SparsificationKind.Random or SparsificationKind.RankMagnitudeSampling };
}
