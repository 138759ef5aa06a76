using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;

namespace EvoMerge.Evaluation.Builtin;

/// <summary>
/// The named tensors an MLP architecture expects (<c>layers.{i}.weight</c> [in, out], <c>layers.{i}.bias</c> [out])
/// and where each lies in the flat parameter vector; checks a merged model against them and copies it in.
/// </summary>
internal sealed class MlpTensorMap
{
    private readonly string _architectureSource;
    private readonly IReadOnlyDictionary<string, MlpTensorSlot> _slots;

    public MlpTensorMap(MlpArchitecture architecture, string architectureSource)
    {
        _architectureSource = architectureSource;
        _slots = architecture.Layout.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Names = architecture.Layout.Select(s => s.Name).ToArray();
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

            if (!TensorValues.IsSupported(tensor.DType) || !tensor.Shape.SequenceEqual(slot.Shape))
            {
                problems.Add($"tensor '{tensor.Name}' is {tensor.DType} [{string.Join(", ", tensor.Shape)}] in the merged model, " +
                             $"but the architecture expects {Describe(slot)}.");
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
            TensorValues.CopyTo(tensor, parameters.Slice(checked((int)slot.Offset), checked((int)slot.Length)));
        }
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
            if (!_slots.TryGetValue(name, out var slot) || !TensorValues.IsSupported(tensor.DType) || !SameShape(tensor.Shape, slot.Shape))
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

    private static string Describe(MlpTensorSlot slot) =>
        $"[{string.Join(", ", slot.Shape)}] as {string.Join(", ", TensorValues.Supported)}";
}
