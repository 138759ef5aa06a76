using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// A <see cref="LlamaModel"/> built from a merged model's tensors (Hugging Face names). Tensors the materializer left
/// in TorchSharp memory of the model's dtype are shared, not copied (the model then takes no memory of its own for
/// weights); others are copied and converted. Disposing it frees the copies and its handles on shared tensors.
/// </summary>
public sealed class MergedLlama : IDisposable
{
    private readonly List<Tensor> _tensors;
    private bool _disposed;

    private MergedLlama(LlamaModel model, List<Tensor> tensors)
    {
        Model = model;
        _tensors = tensors;
    }

    public LlamaModel Model { get; }

    /// <summary>Shares or copies the tensors into TorchSharp (in the requested dtype and device) and builds the model.</summary>
    /// <exception cref="FatalEvaluationException">A tensor is missing, unexpected, mis-shaped or of an unsupported dtype; the message names each.</exception>
    public static MergedLlama Build(MergedModel merged, LlamaConfig config, LlamaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(config);
        options ??= new LlamaLoadOptions();
        var problems = LlamaTensorCheck.FindProblems(config, merged.Specs());
        if (problems.Count > 0)
        {
            throw new FatalEvaluationException(
                $"the merged model does not fit the Llama config:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        var device = options.Device ?? CPU;
        var tensors = new List<Tensor>();
        try
        {
            var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, _) in LlamaTensorNames.Expected(config))
            {
                var tensor = ToTorch(merged.Tensors[name], options.DType, device);
                tensors.Add(tensor);
                byName[name] = tensor;
            }

            // The tensors already have the model's dtype and device, so the model uses them in place.
            return new MergedLlama(LlamaModel.FromTensors(config, byName, options), tensors);
        }
        catch
        {
            tensors.ForEach(t => t.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Model.Dispose();
        _tensors.ForEach(t => t.Dispose());
        _tensors.Clear();
    }

    private static Tensor ToTorch(MergedTensor source, ScalarType dtype, Device device)
    {
        // A candidate materialized in TorchSharp memory of the model's dtype is used in place: a second handle on the
        // same storage, so the model costs no copy of the weights and the storage goes once both are disposed.
        if (source.Owner is Tensor candidate && candidate.dtype == dtype && candidate.device_type == TorchSharp.DeviceType.CPU
            && device.type == TorchSharp.DeviceType.CPU)
        {
            return candidate.alias().DetachFromDisposeScope();
        }

        var raw = MergedTensorCopy.ToTorch(source);
        if (raw.dtype == dtype && device.type == TorchSharp.DeviceType.CPU)
        {
            return raw;
        }

        using (raw)
        {
            return raw.to(dtype, device).DetachFromDisposeScope();
        }
    }
}
