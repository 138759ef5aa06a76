using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Models.Mlp;

/// <summary>
/// Evaluates flat parameter vectors (doubles, as optimizers hold them) of one MLP architecture on a
/// data set, in float32 on the CPU. One parameter tensor is allocated once and overwritten per
/// candidate, so an evaluation costs the matmul chain and little else.
/// Not thread-safe: one instance per evaluating thread.
/// </summary>
public sealed class MlpClassifier : IDisposable
{
    readonly Tensor _parameters;
    // Views into _parameters made once: reloading parameters updates them in place.
    readonly (Tensor Weight, Tensor Bias)[] _layers;

    public MlpArchitecture Architecture { get; }
    public int ParameterCount { get; }

    public MlpClassifier(MlpArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        ParameterCount = architecture.ParameterCount;
        // Owned by this instance, not by whatever dispose scope the caller has open.
        _parameters = zeros(ParameterCount, ScalarType.Float32).DetachFromDisposeScope();
        _layers = MlpForward.LayerViews(architecture, _parameters);
        foreach (var (weight, bias) in _layers)
        {
            weight.DetachFromDisposeScope();
            bias.DetachFromDisposeScope();
        }
    }

    /// <summary>Copies (and rounds to float32) a flat parameter vector into the model.</summary>
    public void Load(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Got {parameters.Length} parameters, the architecture has {ParameterCount}.");
        // Tensor.bytes is the CPU tensor's own memory: writing it updates the parameters in place.
        var destination = MemoryMarshal.Cast<byte, float>(_parameters.bytes);
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)parameters[i];
    }

    /// <summary>Logits of the loaded parameters; dispose the result (or use a dispose scope).</summary>
    public Tensor Logits(ClassificationData data)
    {
        CheckFeatures(data);
        using (no_grad()) return MlpForward.Logits(_layers, Architecture.Activation, data.Features);
    }

    /// <summary>
    /// Writes 1 (correct) or 0 per example into <paramref name="correct"/> and returns the accuracy
    /// in [0, 1]. Ties between logits go to the lowest class, as argmax does.
    /// </summary>
    public double Score(ReadOnlySpan<double> parameters, ClassificationData data, Span<double> correct)
    {
        if (correct.Length != data.Count) throw new ArgumentException($"Need room for {data.Count} per-example scores, got {correct.Length}.");
        Load(parameters);
        using var scope = NewDisposeScope();
        var predicted = Logits(data).argmax(1).contiguous();
        var predictions = MemoryMarshal.Cast<byte, long>(predicted.bytes);
        var labels = data.LabelSpan;
        int hits = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            bool hit = predictions[i] == labels[i];
            correct[i] = hit ? 1 : 0;
            if (hit) hits++;
        }
        return (double)hits / data.Count;
    }

    /// <summary>Accuracy in [0, 1] of a parameter vector.</summary>
    public double Accuracy(ReadOnlySpan<double> parameters, ClassificationData data) =>
        Score(parameters, data, new double[data.Count]);

    public void Dispose()
    {
        foreach (var (weight, bias) in _layers)
        {
            weight.Dispose();
            bias.Dispose();
        }
        _parameters.Dispose();
    }

    void CheckFeatures(ClassificationData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != Architecture.Inputs)
            throw new ArgumentException($"Data has {data.FeatureCount} features, the model {Architecture.Inputs} inputs.");
    }
}
