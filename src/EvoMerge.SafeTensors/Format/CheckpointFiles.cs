namespace EvoMerge.SafeTensors.Format;

/// <summary>File names and defaults of Hugging Face style checkpoints.</summary>
public static class CheckpointFiles
{
    /// <summary>Default maximum shard size, 5 GB as in Hugging Face's <c>save_pretrained</c>.</summary>
    public const long DefaultShardSize = 5_000_000_000;

    public const string SingleFileName = "model.safetensors";

    public const string IndexFileName = "model.safetensors.index.json";

    public const string Extension = ".safetensors";

    /// <summary>Hugging Face's shard name: <c>model-00001-of-00003.safetensors</c> (1-based).</summary>
    public static string ShardFileName(int shardNumber, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardNumber, shardCount);
        return $"model-{shardNumber:D5}-of-{shardCount:D5}.safetensors";
    }
}
