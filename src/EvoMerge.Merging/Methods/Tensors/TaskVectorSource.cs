using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// One model's task vector d = x - b, produced chunk by chunk on demand so that no full-size copy of
/// it ever exists. Every consumer (order statistics, norms, the merge itself) sees the same chunks.
/// </summary>
public sealed class TaskVectorSource
{
    readonly Tensor _modelFlat;
    readonly Tensor _baseFlat;

    /// <param name="modelFlat">The model's tensor, flattened and contiguous.</param>
    /// <param name="baseFlat">The base tensor, flattened and contiguous, same length, dtype and device.</param>
    /// <param name="shape">The tensor's original shape (row-wise sparsifiers need it).</param>
    /// <param name="chunks">The chunk plan shared by the whole merge of this tensor.</param>
    public TaskVectorSource(Tensor modelFlat, Tensor baseFlat, long[] shape, IReadOnlyList<ChunkRange> chunks)
    {
        ArgumentNullException.ThrowIfNull(modelFlat);
        ArgumentNullException.ThrowIfNull(baseFlat);
        ArgumentNullException.ThrowIfNull(shape);
        if (modelFlat.dim() != 1 || baseFlat.dim() != 1 || modelFlat.numel() != baseFlat.numel())
            throw new ArgumentException("task vector inputs must be flat tensors of equal length");
        if (shape.Aggregate(1L, (a, b) => a * b) != modelFlat.numel())
            throw new ArgumentException("shape does not match the element count", nameof(shape));
        _modelFlat = modelFlat;
        _baseFlat = baseFlat;
        Shape = shape;
        Chunks = chunks ?? throw new ArgumentNullException(nameof(chunks));
    }

    public long[] Shape { get; }
    public IReadOnlyList<ChunkRange> Chunks { get; }
    public long Count => _modelFlat.numel();
    public ScalarType Dtype => _modelFlat.dtype;
    public Device Device => _modelFlat.device;

    /// <summary>x - b over <paramref name="chunk"/>, written into <paramref name="destination"/> (chunk-length) and returned.</summary>
    public Tensor Delta(ChunkRange chunk, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var x = _modelFlat.narrow(0, chunk.Start, chunk.Length);
        using var b = _baseFlat.narrow(0, chunk.Start, chunk.Length);
        return destination.copy_(x).sub_(b);
    }

    /// <summary>x - b over the whole tensor, as a new flat tensor.</summary>
    public Tensor FullDelta() => _modelFlat.sub(_baseFlat);
}
