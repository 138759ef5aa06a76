using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>Splits output tensors into shards and lays out each shard's data buffer.</summary>
internal static class ShardPlanner
{
    /// <summary>
    /// Greedy in the given order: a new shard starts when the tensor would take the current one past
    /// <paramref name="maxShardBytes"/> (a tensor larger than that gets a shard of its own).
    /// </summary>
    public static IReadOnlyList<ShardPlan> Plan(IReadOnlyList<TensorSpec> tensors, long maxShardBytes)
    {
        var groups = new List<List<TensorSpec>>();
        var current = new List<TensorSpec>();
        long currentBytes = 0;
        foreach (var spec in tensors)
        {
            if (current.Count > 0 && checked(currentBytes + spec.ByteLength) > maxShardBytes)
            {
                groups.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.Add(spec);
            currentBytes = checked(currentBytes + spec.ByteLength);
        }

        groups.Add(current);
        return groups.Select((group, i) => new ShardPlan(FileName(i, groups.Count), Place(group))).ToList();
    }

    private static string FileName(int shardIndex, int shardCount) =>
        shardCount == 1 ? CheckpointFiles.SingleFileName : CheckpointFiles.ShardFileName(shardIndex + 1, shardCount);

    /// <summary>
    /// Header order stays as given; data goes widest element type first, so every tensor starts at a
    /// multiple of its element size (the buffer itself starts 8-byte aligned) and zero-copy views are aligned.
    /// </summary>
    private static IReadOnlyList<PlacedTensor> Place(IReadOnlyList<TensorSpec> group)
    {
        var begins = new Dictionary<string, long>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var spec in group.OrderByDescending(s => SafeTensorDTypes.SizeOf(s.DType)))
        {
            begins[spec.Name] = offset;
            offset = checked(offset + spec.ByteLength);
        }

        return group.Select(spec => new PlacedTensor(spec, begins[spec.Name])).ToList();
    }
}
