using EvoMerge.Evaluation;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using TorchSharp;

namespace EvoMerge.Search.Materialization;

/// <summary>
/// Runs a candidate's merge configuration through the merge kernel and keeps the result in memory as a
/// <see cref="MergedModel"/> for in-process evaluators: no disk round trip. The input checkpoints are
/// mapped once for the whole run; planning reads only the headers loaded at start.
/// </summary>
public sealed class InMemoryMaterializer : IDisposable
{
    readonly IReadOnlyDictionary<string, ModelCheckpoint> _headers;
    readonly Dictionary<string, SafeTensorsCheckpoint> _open = new();
    readonly torch.Device _device;
    readonly long _maxPieceBytes;

    public InMemoryMaterializer(IReadOnlyDictionary<string, ModelCheckpoint> headers, torch.Device device)
        : this(headers, device, TensorPieces.DefaultMaxPieceBytes)
    {
    }

    /// <param name="maxPieceBytes">Largest piece a merged tensor is copied out in; tests lower it to exercise pieces on small tensors.</param>
    internal InMemoryMaterializer(IReadOnlyDictionary<string, ModelCheckpoint> headers, torch.Device device, long maxPieceBytes)
    {
        _headers = headers ?? throw new ArgumentNullException(nameof(headers));
        _device = device ?? throw new ArgumentNullException(nameof(device));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPieceBytes);
        _maxPieceBytes = Math.Min(maxPieceBytes, int.MaxValue);
        try
        {
            foreach (var path in headers.Keys) _open[path] = SafeTensorsCheckpoint.Open(path);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Plans (headers only) and executes the merge; throws <see cref="MergeConfigException"/> for an invalid config.</summary>
    public MergePlan Plan(MergeConfig config) => MergePlanner.Plan(config, _headers);

    public MergedModel Materialize(MergeConfig config, CancellationToken ct) => Materialize(Plan(config), ct);

    /// <summary>
    /// The merged candidate in unmanaged memory, in each tensor's planned output dtype; the caller disposes it as soon as
    /// it is scored. The experts stay memory-mapped: the kernel reads them a tensor at a time.
    /// </summary>
    public MergedModel Materialize(MergePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tensors = new List<KeyValuePair<string, MergedTensor>>(plan.Tensors.Count);
        try
        {
            using var executor = new MergeExecutor(plan, _open, _device);
            executor.Run((planned, merged) => tensors.Add(new(planned.OutputName, Copy(planned, merged))), cancel: ct);
            return new MergedModel(tensors);
        }
        catch
        {
            tensors.ForEach(t => t.Value.Dispose());
            throw;
        }
    }

    /// <summary>
    /// The executor reuses its output buffer, so each result is copied out before the next tensor, in pieces: a span
    /// holds at most 2 GiB and embeddings of large models are bigger.
    /// </summary>
    MergedTensor Copy(PlannedTensor planned, torch.Tensor merged)
    {
        var tensor = MergedTensor.Allocate(planned.OutputDType, planned.Shape);
        try
        {
            if (tensor.ByteLength != merged.numel() * merged.element_size())
                throw new InvalidOperationException(
                    $"tensor '{planned.OutputName}': the merge produced {merged.dtype} [{string.Join(", ", merged.shape)}], the plan says {planned.OutputDType} [{string.Join(", ", planned.Shape)}].");
            using var contiguous = merged.contiguous();
            TensorPieces.ForEach(contiguous, (offset, bytes) => bytes.CopyTo(tensor.WritableBytesAt(offset, bytes.Length)), _maxPieceBytes);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var checkpoint in _open.Values) checkpoint.Dispose();
        _open.Clear();
    }
}
