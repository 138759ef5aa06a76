using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin;

/// <summary>
/// The named tensors an MLP architecture expects (<c>layers.{i}.weight</c> [in, out], or [out, in] when the
/// architecture declares PyTorch's <c>out_in</c> weight layout; <c>layers.{i}.bias</c> [out]) and where each lies
/// in the flat parameter vector (always [in, out]); checks a merged model against them and copies it in,
/// transposing <c>out_in</c> weights.
/// </summary>
internal sealed class MlpTensorMap
{
    private readonly string _architectureSource;
    private readonly IReadOnlyDictionary<string, MlpTensorSlot> _slots;
    private readonly bool _outIn;

    /// <summary>Holds one out_in weight before it is transposed into place; reused across calls.</summary>
    private readonly float[] _transposeBuffer;

    public MlpTensorMap(MlpArchitecture architecture, string architectureSource)
    {
        _architectureSource = architectureSource;
        _outIn = architecture.WeightLayout == MlpArchitecture.OutIn;
        _slots = architecture.Layout.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Names = architecture.Layout.Select(s => s.Name).ToArray();
        _transposeBuffer = _outIn ? new float[architecture.Layout.Where(IsWeight).Max(s => s.Length)] : [];
    }

    /// <summary>The expected tensor names, layer by layer.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Every way the tensors fail to fit the architecture, one line each; empty when they fit.</summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> tensors)
    {
        var problems = new List<string>();
        var given = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in Names.Where(n => !given.Contains(n)))
        {
            problems.Add($"tensor '{name}' ({Describe(_slots[name])}) is missing from the merged model.");
        }

        foreach (var tensor in tensors)
        {
            if (!_slots.TryGetValue(tensor.Name, out var slot))
            {
                problems.Add($"tensor '{tensor.Name}' is not part of the architecture; it has {string.Join(", ", Names.Select(n => $"'{n}'"))}.");
                continue;
            }

            if (!TensorValues.IsSupported(tensor.DType) || !tensor.Shape.SequenceEqual(StoredShape(slot)))
            {
                problems.Add($"tensor '{tensor.Name}' is {tensor.DType} [{string.Join(", ", tensor.Shape)}] in the merged model, " +
                             $"but the architecture expects {Describe(slot)}{LayoutHint(tensor, slot)}.");
            }
        }

        return problems;
    }

    /// <summary>Checks the model, then writes its tensors into the flat float32 parameters.</summary>
    /// <exception cref="FatalEvaluationException">The tensors do not fit; the message lists every problem.</exception>
    public void CopyInto(MergedModel model, Span<float> parameters)
    {
        if (!Fits(model))
        {
            var problems = FindProblems(model.Specs());
            throw new FatalEvaluationException(
                $"the merged model does not fit {_architectureSource}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        foreach (var (name, tensor) in model.Tensors)
        {
            var slot = _slots[name];
            var destination = parameters.Slice(checked((int)slot.Offset), checked((int)slot.Length));
            if (_outIn && IsWeight(slot))
            {
                var stored = _transposeBuffer.AsSpan(0, destination.Length);
                TensorValues.CopyTo(tensor, stored);
                Transpose(stored, destination, rows: (int)slot.Shape[1], columns: (int)slot.Shape[0]);
            }
            else
            {
                TensorValues.CopyTo(tensor, destination);
            }
        }
    }

    private static bool IsWeight(MlpTensorSlot slot) => slot.Shape.Length == 2;

    /// <summary>The shape the checkpoint stores: the flat vector's [in, out], or [out, in] for out_in weights.</summary>
    private long[] StoredShape(MlpTensorSlot slot) => _outIn && IsWeight(slot) ? [slot.Shape[1], slot.Shape[0]] : slot.Shape;

    /// <summary>Writes the [rows, columns] matrix <paramref name="source"/> as [columns, rows].</summary>
    private static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                destination[(c * rows) + r] = source[(r * columns) + c];
            }
        }
    }

    /// <summary>A weight stored the other way round means the layout is declared wrong, not that the model is.</summary>
    private string LayoutHint(TensorSpec tensor, MlpTensorSlot slot)
    {
        if (!IsWeight(slot) || tensor.Shape.Length != 2 || tensor.Shape[0] != StoredShape(slot)[1] || tensor.Shape[1] != StoredShape(slot)[0])
        {
            return "";
        }

        return _outIn
            ? $" (the weights are stored [in, out]; set \"weight_layout\": \"{MlpArchitecture.InOut}\" in {_architectureSource})"
            : $" (the weights look like PyTorch's nn.Linear [out, in]; set \"weight_layout\": \"{MlpArchitecture.OutIn}\" in {_architectureSource})";
    }

    /// <summary>The per-call check, without building spec lists; problems are only described when it fails.</summary>
    private bool Fits(MergedModel model)
    {
        if (model.Tensors.Count != _slots.Count)
        {
            return false;
        }

        foreach (var (name, tensor) in model.Tensors)
        {
            if (!_slots.TryGetValue(name, out var slot) || !TensorValues.IsSupported(tensor.DType) || !SameShape(tensor.Shape, StoredShape(slot)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameShape(IReadOnlyList<long> actual, long[] expected)
    {
        if (actual.Count != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (actual[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private string Describe(MlpTensorSlot slot) =>
        $"[{string.Join(", ", StoredShape(slot))}] as {string.Join(", ", TensorValues.Supported)}";
}
