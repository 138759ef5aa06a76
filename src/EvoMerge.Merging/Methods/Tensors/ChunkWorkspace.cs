using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Chunk-sized scratch tensors reused by every chunk of one merge, filled with in-place ops. Fresh
/// temporaries per chunk make the C allocator map and unmap memory again and again, and the page
/// faults then cost more than the arithmetic. Slots are named by their users; one name is one buffer
/// (per dtype), so two values that are alive at the same time need two names.
/// </summary>
public sealed class ChunkWorkspace : IDisposable
{
    readonly Dictionary<(string Slot, ScalarType Dtype), Tensor> _buffers = new();
    readonly long _capacity;
    readonly Device _device;

    public ChunkWorkspace(long capacity, Device device)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be non-negative");
        _capacity = capacity;
        _device = device ?? throw new ArgumentNullException(nameof(device));
    }

    /// <summary>A workspace for chunks of <paramref name="chunks"/> on <paramref name="device"/>.</summary>
    public static ChunkWorkspace For(IReadOnlyList<ChunkRange> chunks, Device device) =>
        new(chunks.Count == 0 ? 0 : chunks.Max(c => c.Length), device);

    /// <summary>The first <paramref name="length"/> elements of the named buffer (a view; contents are whatever was left there).</summary>
    public Tensor Get(string slot, ScalarType dtype, long length)
    {
        if (length > _capacity)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"workspace holds chunks of at most {_capacity} elements");
        if (!_buffers.TryGetValue((slot, dtype), out var buffer))
        {
            // Owned by the workspace, not by whichever dispose scope happens to be open now.
            buffer = empty([_capacity], dtype, _device).DetachFromDisposeScope();
            _buffers.Add((slot, dtype), buffer);
        }
        return buffer.narrow(0, 0, length);
    }

    public void Dispose()
    {
        foreach (var buffer in _buffers.Values) buffer.Dispose();
        _buffers.Clear();
    }
}
