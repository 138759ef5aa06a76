using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
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

    /// <summary>A new tensor: weight * rescale * mask(x - b) over <paramref name="chunk"/>, multiplied in mergekit's order.</summary>
    public Tensor WeightedDelta(ChunkRange chunk)
    {
        var delta = Source.Delta(chunk);
        Mask?.Apply(delta, chunk);
        if (Rescale != 1) delta.mul_(Rescale);
        if (Weight != 1) delta.mul_(Weight);
        return delta;
    }
}
