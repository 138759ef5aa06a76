using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Keys and values per hop of a layer path (a layer visited twice gets two entries), preallocated
/// [B, kv heads, capacity, d] so each step writes in place instead of concatenating.
/// </summary>
sealed class KvCache : IDisposable
{
    readonly Tensor[] _keys;
    readonly Tensor[] _values;

    public KvCache(int hops, long batch, long keyValueHeads, long capacity, long headDim, ScalarType dtype, Device device)
    {
        Capacity = capacity;
        _keys = new Tensor[hops];
        _values = new Tensor[hops];
        for (int hop = 0; hop < hops; hop++)
        {
            _keys[hop] = zeros([batch, keyValueHeads, capacity, headDim], dtype, device).DetachFromDisposeScope();
            _values[hop] = zeros([batch, keyValueHeads, capacity, headDim], dtype, device).DetachFromDisposeScope();
        }
    }

    public long Capacity { get; }

    /// <summary>Writes the new keys/values [B, kv, n, d] at <paramref name="start"/>; returns views of slots [0, start + n).</summary>
    public (Tensor Keys, Tensor Values) Append(int hop, int start, Tensor keys, Tensor values)
    {
        long count = keys.shape[2];
        if (start + count > Capacity)
            throw new InvalidOperationException($"KV cache overflow: {start + count} slots, capacity {Capacity}.");
        _keys[hop].narrow(2, start, count).copy_(keys);
        _values[hop].narrow(2, start, count).copy_(values);
        return (_keys[hop].narrow(2, 0, start + count), _values[hop].narrow(2, 0, start + count));
    }

    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values))
            tensor.Dispose();
    }
}
