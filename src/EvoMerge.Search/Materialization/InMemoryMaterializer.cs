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

    /// <summary>Plans (headers only) and executes the merge; throws <see cref="MergeConfigException"/> for an invalid config.</summary>
    public MergePlan Plan(MergeConfig config) => MergePlanner.Plan(config, _headers);

    public MergedModel Materialize(MergeConfig config, CancellationToken ct) => Materialize(Plan(config), ct);

    public MergedModel Materialize(MergePlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tensors = new List<KeyValuePair<string, MergedTensor>>(plan.Tensors.Count);
        using var executor = new MergeExecutor(plan, _open, _device);
        executor.Run((planned, merged) => tensors.Add(new(planned.OutputName, Copy(planned, merged))), cancel: ct);
        return new MergedModel(tensors);
    }

    /// <summary>The executor reuses its output buffer, so each result is copied out before the next tensor.</summary>
    static MergedTensor Copy(PlannedTensor planned, torch.Tensor merged)
    {
        if (planned.OutputDType == SafeTensorDType.F32)
        {
            var values = new float[planned.ElementCount];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(merged.bytes).CopyTo(values);
            return MergedTensor.FromFloat32(values, planned.Shape);
        }
        return MergedTensor.FromBytes(planned.OutputDType, planned.Shape, merged.bytes.ToArray());
    }

    public void Dispose()
    {
        foreach (var checkpoint in _open.Values) checkpoint.Dispose();
        _open.Clear();
    }
}
