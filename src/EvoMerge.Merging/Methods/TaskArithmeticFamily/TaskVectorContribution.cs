using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.TaskArithmeticFamily;

/// <summary>
/// One model's prepared contribution: its task vector, mask, rescale factor and weight, the last two
/// already rounded to the compute dtype (mergekit multiplies by 0-dim tensors of that dtype).
/// </summary>
public sealed class TaskVectorContribution
{
    public TaskVectorContribution(TaskVectorSource source, ITaskVectorMask? mask, double rescale, double weight)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Mask = mask;
        Rescale = DtypeScalars.Round(rescale, source.Dtype);
        Weight = DtypeScalars.Round(weight, source.Dtype);
    }

    public TaskVectorSource Source { get; }
    public ITaskVectorMask? Mask { get; }
    public double Rescale { get; }
    public double Weight { get; }

    /// <summary>
    /// weight * rescale * mask(x - b) over <paramref name="chunk"/>, multiplied in mergekit's order,
    /// written into <paramref name="destination"/> and returned.
    /// </summary>
    public Tensor WeightedDelta(ChunkRange chunk, Tensor destination, ChunkWorkspace workspace)
    {
        var delta = Source.Delta(chunk, destination);
        Mask?.Apply(delta, chunk, workspace);
        using var held = new HeldScalars();
        if (Rescale != 1) delta.mul_(held[Rescale]);
        if (Weight != 1) delta.mul_(held[Weight]);
        return delta;
    }
}
