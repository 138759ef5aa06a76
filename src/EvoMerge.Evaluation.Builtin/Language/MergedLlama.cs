using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// A <see cref="LlamaModel"/> built from a merged model's tensors (Hugging Face names). It owns the TorchSharp copies
/// of the tensors and the model: disposing it frees both.
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

    /// <summary>Copies the tensors into TorchSharp (converted to the requested dtype and device) and builds the model.</summary>
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
