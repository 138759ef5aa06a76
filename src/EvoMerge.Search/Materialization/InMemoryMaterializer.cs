using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
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

    public InMemoryMaterializer(IReadOnlyDictionary<string, ModelCheckpoint> headers, torch.Device device)
    {
        _headers = headers ?? throw new ArgumentNullException(nameof(headers));
        _device = device ?? throw new ArgumentNullException(nameof(device));
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

    /// <summary>
    /// Plans (headers only); throws <see cref="MergeConfigException"/> for an invalid config. <paramref name="fisher"/>
    /// says where Fisher-weighted methods find each model's Fisher information (a search resolves it once).
    /// </summary>
    public MergePlan Plan(MergeConfig config, FisherEstimation? fisher = null) => MergePlanner.Plan(config, _headers, fisher);

    public MergedModel Materialize(MergeConfig config, CancellationToken ct) => Materialize(Plan(config), ct);

    /// <summary>
    /// The merged candidate in CPU TorchSharp memory, in each tensor's planned output dtype; the caller disposes it as
    /// soon as it is scored (which frees that memory at once). The experts stay memory-mapped: the kernel reads them a tensor at a time.
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
    /// The executor reuses its output buffer, so each result is copied out before the next tensor, into a CPU
    /// TorchSharp tensor the candidate then wraps: the language evaluator runs on that memory without a second copy of
    /// the model, and torch copies tensors of any size (embeddings over 2 GiB included) in one call.
    /// </summary>
    static MergedTensor Copy(PlannedTensor planned, torch.Tensor merged)
    {
        var dtype = TorchDTypes.ToTorch(planned.OutputDType);
        if (merged.dtype != dtype || merged.numel() != planned.ElementCount)
            throw new InvalidOperationException(
                $"tensor '{planned.OutputName}': the merge produced {merged.dtype} [{string.Join(", ", merged.shape)}], the plan says {planned.OutputDType} [{string.Join(", ", planned.Shape)}].");
        if (planned.ElementCount == 0) return MergedTensor.Allocate(planned.OutputDType, planned.Shape);
        var target = torch.empty(planned.Shape, dtype, torch.CPU).DetachFromDisposeScope();
        try
        {
            using (var flatTarget = target.view(-1))
            using (var flatMerged = merged.reshape(-1))
                flatTarget.copy_(flatMerged);
            return MergedTensor.Wrap(planned.OutputDType, planned.Shape, TensorPieces.BasePointer(target), target);
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var checkpoint in _open.Values) checkpoint.Dispose();
        _open.Clear();
    }
}
