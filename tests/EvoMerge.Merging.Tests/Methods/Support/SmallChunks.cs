using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.TaskArithmeticFamily;

namespace EvoMerge.Merging.Tests.Methods.Support;

/// <summary>Method instances that process a few thousand elements per step, so small tensors span many chunks.</summary>
internal static class SmallChunks
{
    public const long Elements = 5000;   // divides nothing in particular: chunk borders fall anywhere

    public static IMergeMethod Get(string name) => name switch
    {
        "linear" => new Linear(Elements),
        "slerp" => new Slerp(Elements),
        "nuslerp" => new Nuslerp(Elements),
        "model_stock" => new ModelStock(Elements),
        _ => TaskArithmeticVariants.All.FirstOrDefault(v => v.Name == name) is { } variant
            ? new TaskArithmeticFamilyMethod(variant, Elements)
            : MergeMethodRegistry.Get(name),
    };
}
