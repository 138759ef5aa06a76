using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Execution.Fused;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Planning;
using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using TorchSharp;

namespace EvoMerge.Merging.Execution;

/// <summary>Receives a merged tensor's bytes part by part, in order; <paramref name="bytes"/> is valid only during the call.</summary>
public delegate void TensorPartSink(PlannedTensor tensor, long offset, ReadOnlySpan<byte> bytes);

/// <summary>Told about an input tensor that holds NaN or infinity (the first such element's index); may throw to stop the merge.</summary>
public delegate void NonFiniteInputHandler(PlannedInput input, long elementIndex);

/// <summary>
/// Executes a <see cref="MergePlan"/> tensor by tensor: loads the inputs of one output tensor,
/// merges them on the chosen device, hands the result (contiguous, on the CPU, in the output
/// dtype) to a sink and frees everything before the next one. Peak memory is the inputs of one
/// tensor, their compute-dtype copies and the output.
/// </summary>
public sealed class MergeExecutor : IDisposable
{
    readonly MergePlan _plan;
    readonly torch.Device _device;
    readonly Dictionary<string, SafeTensorsCheckpoint> _checkpoints = new();
    readonly bool _ownsCheckpoints = true;
    // Each model's diagonal Fisher information, opened only for methods that weight by it.
    readonly Dictionary<string, SafeTensorsCheckpoint> _fisher = new();
    torch.Tensor? _outputBuffer;
    // The fused path's two chunk buffers, kept across tensors.
    ChunkPipeline? _chunks;

    /// <summary>
    /// When set, every floating input is scanned for NaN and infinity as it is read (on the streamed path chunk
    /// by chunk, while the chunk is in the cache) and each offending input reported once per tensor.
    /// </summary>
    public NonFiniteInputHandler? OnNonFiniteInput { get; init; }

    public MergeExecutor(MergePlan plan, torch.Device? device = null)
    {
        _plan = plan;
        _device = device ?? torch.CPU;
        try
        {
            foreach (var model in plan.Models.Keys) _checkpoints[model] = SafeTensorsCheckpoint.Open(model);
            OpenFisherCheckpoints();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// An executor over checkpoints the caller keeps open (a search merges many candidates from the same
    /// inputs: mapping them once saves the open and the page faults per candidate). They are not disposed here.
    /// </summary>
    public MergeExecutor(MergePlan plan, IReadOnlyDictionary<string, SafeTensorsCheckpoint> openCheckpoints, torch.Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(openCheckpoints);
        _plan = plan;
        _device = device ?? torch.CPU;
        _ownsCheckpoints = false;
        foreach (var model in plan.Models.Keys)
            _checkpoints[model] = openCheckpoints.TryGetValue(model, out var open)
                ? open
                : throw new ArgumentException($"no open checkpoint for {model}.", nameof(openCheckpoints));
        try
        {
            OpenFisherCheckpoints();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    void OpenFisherCheckpoints()
    {
        if (!_plan.AllMethods.Any(m => m is IUsesFisherInformation)) return;
        // Only the models Fisher-weighted tensors read: with one method per slice, another slice's method may read the base alone.
        var weighted = _plan.Tensors.Where(t => _plan.MethodOf(t) is IUsesFisherInformation).SelectMany(t => t.Inputs).Select(i => i.Model).Distinct();
        foreach (var model in weighted)
            _fisher[model] = SafeTensorsCheckpoint.Open(_plan.FisherFolders.GetValueOrDefault(model) ?? Methods.Papers.FisherFiles.Folder(model));
    }

    /// <summary>
    /// Merges every planned tensor. <paramref name="sink"/> receives each result; the tensor is
    /// disposed when the sink returns, so copy what must outlive the call.
    /// </summary>
    public void Run(Action<PlannedTensor, torch.Tensor> sink, IProgress<MergeProgress>? progress = null, CancellationToken cancel = default)
    {
        long bytesTotal = _plan.Tensors.Sum(t => t.OutputBytes), bytesDone = 0;
        for (int i = 0; i < _plan.Tensors.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var planned = _plan.Tensors[i];
            using (var scope = torch.NewDisposeScope())
            {
                // Streaming: fused outputs reuse one buffer, since the sink is done with each before the next.
                var merged = MergeOne(planned, reuseOutputBuffer: true);
                sink(planned, merged);
            }
            bytesDone += planned.OutputBytes;
            progress?.Report(new MergeProgress(i + 1, _plan.Tensors.Count, bytesDone, bytesTotal, planned.OutputName));
        }
    }

    /// <summary>
    /// Merges every planned tensor and hands its bytes (output dtype, row-major) to <paramref name="sink"/>
    /// in parts, in order, each part valid only during the call. Fused CPU kernels run chunk by chunk
    /// into one small reused buffer (after any whole-tensor preparation), so the output is written from
    /// the cache and no tensor-sized output buffer exists; other tensors come as one part.
    /// </summary>
    public void RunInParts(TensorPartSink sink, IProgress<MergeProgress>? progress = null, CancellationToken cancel = default)
    {
        long bytesTotal = _plan.Tensors.Sum(t => t.OutputBytes), bytesDone = 0;
        for (int i = 0; i < _plan.Tensors.Count; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var planned = _plan.Tensors[i];
            if (!TryStreamFused(planned, sink, cancel))
            {
                using var scope = torch.NewDisposeScope();
                var merged = MergeOne(planned, reuseOutputBuffer: true);
                TensorPieces.ForEach(merged, (offset, bytes) => sink(planned, offset, bytes));
            }
            bytesDone += planned.OutputBytes;
            progress?.Report(new MergeProgress(i + 1, _plan.Tensors.Count, bytesDone, bytesTotal, planned.OutputName));
        }
    }

    unsafe bool TryStreamFused(PlannedTensor planned, TensorPartSink sink, CancellationToken cancel)
    {
        if (_device.type != DeviceType.CPU) return false;
        var infos = planned.Inputs.Select(i => _checkpoints[i.Model].GetInfo(i.TensorName)).ToList();
        var kernel = FusedKernels.For(_plan.MethodOf(planned).Name, planned, infos.Select(i => i.DType).ToList());
        if (kernel == null) return false;
        var pointers = planned.Inputs.Select(i => (IntPtr)_checkpoints[i.Model].GetPointer(i.TensorName)).ToArray();
        for (int k = 0; k < pointers.Length; k++) PageFaults.Populate(pointers[k], infos[k].ByteLength);
        // Inputs, compute and output share one dtype on the fused path.
        var pass = kernel.Prepare(planned, pointers, planned.ElementCount, planned.ComputeDType == SafeTensorDType.BF16,
            TensorSeed(_plan.RandomSeed, planned.OutputName));
        _chunks ??= new ChunkPipeline();
        _chunks.Stream(planned, pass, pointers, planned.ComputeDType, OnNonFiniteInput, sink, cancel);
        return true;
    }

    /// <summary>Merges one planned tensor; the result lives in the caller's dispose scope.</summary>
    public torch.Tensor MergeOne(PlannedTensor planned) => MergeOne(planned, reuseOutputBuffer: false);

    torch.Tensor MergeOne(PlannedTensor planned, bool reuseOutputBuffer)
    {
        if (_device.type == DeviceType.CPU && TryMergeFused(planned, reuseOutputBuffer) is { } fused) return fused;
        var computeType = TorchDTypes.ToTorch(planned.ComputeDType);
        var inputs = new List<MethodInputModel>();
        torch.Tensor? baseTensor = null;
        foreach (var input in planned.Inputs)
        {
            CheckFinite(input);
            var tensor = TensorLoader.Load(_checkpoints[input.Model], input.TensorName);
            if (planned.CropRows is long rows) tensor = tensor.narrow(0, 0, rows);
            if (tensor.dtype != computeType) tensor = tensor.to_type(computeType);
            if (_device.type != DeviceType.CPU) tensor = tensor.to(_device);
            inputs.Add(new MethodInputModel(input.Model, input.IsBase, tensor, input.Parameters) { Fisher = LoadFisher(planned, input) });
            if (input.IsBase) baseTensor = tensor;
        }

        torch.Tensor result;
        if (planned.CopyOnly)
        {
            result = inputs[0].Tensor;
        }
        else
        {
            using var generator = new torch.Generator(TensorSeed(_plan.RandomSeed, planned.OutputName), _device);
            result = _plan.MethodOf(planned).Merge(new MergeInputs
            {
                TensorName = planned.OutputName,
                Models = inputs,
                Base = baseTensor,
                GlobalParameters = planned.GlobalParameters,
                Generator = generator,
                LayerPosition = planned.LayerPosition,
            });
        }
        var outType = TorchDTypes.ToTorch(planned.OutputDType);
        if (result.dtype != outType) result = result.to_type(outType);
        if (_device.type != DeviceType.CPU) result = result.cpu();
        return result.contiguous();
    }

    torch.Tensor? LoadFisher(PlannedTensor planned, PlannedInput input)
    {
        if (_plan.MethodOf(planned) is not IUsesFisherInformation || !_fisher.TryGetValue(input.Model, out var checkpoint)) return null;
        var fisher = TensorLoader.Load(checkpoint, input.TensorName);
        if (planned.CropRows is long rows) fisher = fisher.narrow(0, 0, rows);
        return _device.type != DeviceType.CPU ? fisher.to(_device) : fisher;
    }

    unsafe void CheckFinite(PlannedInput input)
    {
        if (OnNonFiniteInput == null) return;
        var checkpoint = _checkpoints[input.Model];
        var info = checkpoint.GetInfo(input.TensorName);
        long bad = NonFinite.IndexOf(checkpoint.GetPointer(input.TensorName), info.ByteLength, info.DType);
        if (bad >= 0) OnNonFiniteInput(input, bad);
    }

    /// <summary>One pass from the mapped inputs into the output when a fused CPU kernel covers the tensor.</summary>
    unsafe torch.Tensor? TryMergeFused(PlannedTensor planned, bool reuseOutputBuffer)
    {
        var dtypes = planned.Inputs.Select(i => _checkpoints[i.Model].GetInfo(i.TensorName).DType).ToList();
        var kernel = FusedKernels.For(_plan.MethodOf(planned).Name, planned, dtypes);
        if (kernel == null) return null;
        var output = reuseOutputBuffer ? OutputBuffer(planned) : torch.empty(planned.Shape, TorchDTypes.ToTorch(planned.OutputDType));
        var pointers = planned.Inputs.Select(i => (IntPtr)_checkpoints[i.Model].GetPointer(i.TensorName)).ToArray();
        for (int k = 0; k < pointers.Length; k++)
            PageFaults.Populate(pointers[k], _checkpoints[planned.Inputs[k].Model].GetInfo(planned.Inputs[k].TensorName).ByteLength);
        kernel.Run(planned, pointers, (byte*)TensorPieces.BasePointer(output), planned.ElementCount, planned.ComputeDType == SafeTensorDType.BF16,
            TensorSeed(_plan.RandomSeed, planned.OutputName));
        return output;
    }

    /// <summary>
    /// A per-tensor seed from the run seed and the tensor's name, so random methods are reproducible
    /// and independent of the order (or subset) of tensors merged.
    /// </summary>
    public static ulong TensorSeed(long runSeed, string tensorName) => SeedMix.ForName((ulong)runSeed, tensorName) & 0x7FFF_FFFF_FFFF_FFFFUL;

    /// <summary>
    /// A view of one buffer kept across tensors, sized for the largest output: a fresh 64 MB tensor
    /// per output costs 16,000 page faults, a large share of a bandwidth-bound merge.
    /// </summary>
    torch.Tensor OutputBuffer(PlannedTensor planned)
    {
        var dtype = TorchDTypes.ToTorch(planned.OutputDType);
        long elements = planned.ElementCount;
        if (_outputBuffer is null || _outputBuffer.dtype != dtype || _outputBuffer.numel() < elements)
        {
            _outputBuffer?.Dispose();
            _outputBuffer = torch.empty(elements, dtype).DetachFromDisposeScope();
            if (elements > 0)
                PageFaults.PopulateWrite(TensorPieces.BasePointer(_outputBuffer), elements * _outputBuffer.element_size());
        }
        return _outputBuffer.narrow(0, 0, elements).view(planned.Shape);
    }

    public void Dispose()
    {
        _outputBuffer?.Dispose();
        _outputBuffer = null;
        if (_ownsCheckpoints)
            foreach (var c in _checkpoints.Values) c.Dispose();
        foreach (var c in _fisher.Values) c.Dispose();
        _checkpoints.Clear();
    }
}
