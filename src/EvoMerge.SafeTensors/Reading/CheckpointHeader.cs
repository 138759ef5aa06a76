using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// The validated headers of a whole checkpoint. <paramref name="TensorNames"/> is in index order (sharded) or
/// file then offset order; <paramref name="FileOfTensor"/> maps each tensor to its file's full path;
/// <paramref name="Metadata"/> is the shards' <c>__metadata__</c> merged (the first shard wins on conflicts).
/// </summary>
public sealed record CheckpointHeader(
    string Location,
    IReadOnlyList<string> TensorNames,
    IReadOnlyDictionary<string, TensorInfo> Tensors,
    IReadOnlyDictionary<string, string> FileOfTensor,
    IReadOnlyDictionary<string, string> Metadata);
