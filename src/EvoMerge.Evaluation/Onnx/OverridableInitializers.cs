using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>
/// The model's overridable initializers and which of them every candidate must supply; checks a merged model's
/// tensors against them (name, dtype, shape) and binds them as in-memory ONNX values.
/// </summary>
internal sealed class OverridableInitializers
{
    private readonly string _modelPath;
    private readonly bool _ignoreUnused;
    private readonly IReadOnlyDictionary<string, InitializerSlot> _slots;
    private readonly IReadOnlySet<string> _required;

    public OverridableInitializers(InferenceSession session, OnnxClassifierOptions options)
    {
        _modelPath = options.ModelPath;
        _ignoreUnused = options.IgnoreUnusedTensors;
        _slots = session.OverridableInitializerMetadata
            .Where(item => item.Value.IsTensor)
            .ToDictionary(
                item => item.Key,
                item => new InitializerSlot(item.Key, item.Value.ElementDataType, item.Value.Dimensions.Select(d => (long)d).ToArray()),
                StringComparer.Ordinal);
        if (_slots.Count == 0)
        {
            throw new FatalEvaluationException(
                $"{_modelPath}: the model has no overridable initializers, so merged weights cannot be fed to it. List the " +
                "initializers as graph inputs too (ONNX IR version 4 or later; torch.onnx.export(..., keep_initializers_as_inputs=True)).");
        }

        var unknown = options.RequiredInitializers?.Where(n => !_slots.ContainsKey(n)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new FatalEvaluationException(
                $"{_modelPath}: required initializer(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))} are not overridable initializers " +
                $"of the model; it has {string.Join(", ", _slots.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"))}.");
        }

        _required = (options.RequiredInitializers ?? _slots.Keys).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Names => _slots.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every way the tensors fail to fit the model, one line each; empty when they fit.</summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> tensors)
    {
        var problems = new List<string>();
        var given = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in _required.Where(n => !given.Contains(n)).Order(StringComparer.Ordinal))
        {
            problems.Add($"tensor '{name}' ({_slots[name].Describe()}) is missing from the merged model.");
        }

        foreach (var tensor in tensors)
        {
            if (!_slots.TryGetValue(tensor.Name, out var slot))
            {
                if (!_ignoreUnused)
                {
                    problems.Add($"tensor '{tensor.Name}' is not an overridable initializer of the model (to feed it, list it as a " +
                                 "graph input; to skip such tensors, set IgnoreUnusedTensors).");
                }

                continue;
            }

            var actual = $"{tensor.DType} [{string.Join(", ", tensor.Shape)}]";
            if (DTypeMapping.ToOnnx(tensor.DType) != slot.ElementType || !tensor.Shape.SequenceEqual(slot.Shape))
            {
                problems.Add($"tensor '{tensor.Name}' is {actual} in the merged model, but the ONNX initializer is {slot.Describe()}.");
            }
        }

        return problems;
    }

    /// <summary>Checks the model, then wraps each matching tensor's memory (pinned, not copied) as an ONNX value.</summary>
    /// <exception cref="FatalEvaluationException">The tensors do not fit; the message lists every problem.</exception>
    public unsafe BoundInitializers Bind(MergedModel model)
    {
        var problems = FindProblems(model.Specs());
        if (problems.Count > 0)
        {
            throw new FatalEvaluationException(
                $"the merged model does not fit {_modelPath}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        var bound = new BoundInitializers();
        try
        {
            foreach (var (name, tensor) in model.Tensors)
            {
                if (_slots.TryGetValue(name, out var slot))
                {
                    var pin = tensor.Pin();
                    OrtValue value;
                    try
                    {
                        value = OrtValue.CreateTensorValueWithData(
                            OrtMemoryInfo.DefaultInstance, slot.ElementType, slot.Shape, (IntPtr)pin.Pointer, tensor.ByteLength);
                    }
                    catch
                    {
                        pin.Dispose();
                        throw;
                    }

                    bound.Add(name, pin, value);
                }
            }

            return bound;
        }
        catch
        {
            bound.Dispose();
            throw;
        }
    }
}
