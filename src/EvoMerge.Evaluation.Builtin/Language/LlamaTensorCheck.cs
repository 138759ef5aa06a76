using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>Which merged tensors a Llama config calls for, and every way a set of tensors fails to fit it.</summary>
internal static class LlamaTensorCheck
{
    public static readonly SafeTensorDType[] Supported = [SafeTensorDType.F32, SafeTensorDType.BF16, SafeTensorDType.F16, SafeTensorDType.F64];

    public static IReadOnlyList<string> FindProblems(LlamaConfig config, IReadOnlyList<TensorSpec> tensors)
    {
        var expected = LlamaTensorNames.Expected(config).ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
        var problems = new List<string>();
        var given = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, shape) in expected.Where(e => !given.Contains(e.Key)))
        {
            problems.Add($"tensor '{name}' ([{string.Join(", ", shape)}]) is missing from the merged model.");
        }

        foreach (var tensor in tensors)
        {
            if (!expected.TryGetValue(tensor.Name, out var shape))
            {
                // Tied checkpoints sometimes keep a copy of the head; the embedding is what is used.
                if (!(config.TieWordEmbeddings && tensor.Name == LlamaTensorNames.LmHead))
                {
                    problems.Add($"tensor '{tensor.Name}' is not part of the model the config describes " +
                                 "(check num_hidden_layers, tie_word_embeddings, attention_bias, mlp_bias and model_type).");
                }

                continue;
            }

            if (!tensor.Shape.SequenceEqual(shape))
            {
                problems.Add($"tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}], the config calls for [{string.Join(", ", shape)}].");
            }

            if (Array.IndexOf(Supported, tensor.DType) < 0)
            {
                problems.Add($"tensor '{tensor.Name}' is {tensor.DType}; weights must be one of {string.Join(", ", Supported)}.");
            }
        }

        return problems;
    }
}
