using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>A tensor's place in its shard's data buffer.</summary>
internal sealed record PlacedTensor(TensorSpec Spec, long DataBegin)
{
    public long DataEnd => DataBegin + Spec.ByteLength;
}
