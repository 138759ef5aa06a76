namespace EvoMerge.SafeTensors.Reading;

/// <summary>Which files make up a checkpoint: its .safetensors files (full paths) and, if sharded with an index, the index.</summary>
internal sealed record CheckpointLayout(string Location, IReadOnlyList<string> Files, ShardIndex? Index);
