using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>DARE: drop each entry independently with probability 1 - density (rescaling is applied separately).</summary>
public sealed class RandomDare : ISparsifier
{
    public ITaskVectorMask? Prepare(TaskVectorSource source, SparsificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Density >= 1) return null;
        var generator = settings.Generator
            ?? throw new ArgumentException($"{settings.Where}: random sparsification needs a seeded generator (MergeInputs.Generator)");
        return new RandomKeepMask(source.Chunks, settings.Density, generator);
    }
}
