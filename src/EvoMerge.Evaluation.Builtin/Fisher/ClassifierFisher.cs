using EvoMerge.Models.Mlp;
using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>
/// The diagonal Fisher information of an MLP classifier (Matena and Raffel 2022, eq. 3):
/// F = 1/N sum_n sum_y p(y | x_n) (d log p(y | x_n) / d theta)^2, the expectation over the model's
/// own predictive distribution taken exactly (one backward pass per class, not per example).
/// Per-example gradients of a dense layer are outer products a_n delta_n^T, so the sum of their squares
/// is (a^2)^T (p_y delta^2) over the batch: no per-example gradient is ever materialized.
/// </summary>
public static class ClassifierFisher
{
    /// <summary>
    /// Fisher diagonal in the flat parameter layout of <paramref name="architecture"/> ([in, out] weights,
    /// then biases, layer by layer), from the first <paramref name="examples"/> rows of <paramref name="data"/>.
    /// </summary>
    public static float[] Estimate(MlpArchitecture architecture, ReadOnlySpan<float> parameters, ClassificationData data, int examples)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(data);
        architecture.Validate();
        if (parameters.Length != architecture.ParameterCount)
            throw new ArgumentException($"Got {parameters.Length} parameters, the architecture has {architecture.ParameterCount}.");
        if (data.FeatureCount != architecture.Inputs)
            throw new ArgumentException($"The data has {data.FeatureCount} features, the model {architecture.Inputs} inputs.");
        if (examples < 1 || examples > data.Count)
            throw new ArgumentException($"examples must be between 1 and the {data.Count} rows of the data (was {examples}).");

        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var flat = tensor(parameters.ToArray(), ScalarType.Float32).requires_grad_(true);
        var layers = MlpForward.LayerViews(architecture, flat);
        var inputs = new Tensor[layers.Length];
        var preActivations = new Tensor[layers.Length];
        var hidden = data.Features.narrow(0, 0, examples);
        for (int l = 0; l < layers.Length; l++)
        {
            inputs[l] = hidden.detach();
            preActivations[l] = addmm(layers[l].Bias, hidden, layers[l].Weight, beta: 1, alpha: 1);
            hidden = l < layers.Length - 1 ? Activate(preActivations[l], architecture.Activation) : preActivations[l];
        }
        var logProbabilities = nn.functional.log_softmax(hidden, 1);
        var probabilities = logProbabilities.detach().exp();

        var weightFisher = layers.Select(l => zeros_like(l.Weight)).ToArray();
        var biasFisher = layers.Select(l => zeros_like(l.Bias)).ToArray();
        var squaredInputs = inputs.Select(a => a.pow(held[2])).ToArray();
        for (int y = 0; y < architecture.Classes; y++)
        {
            using var classScope = NewDisposeScope();
            // Examples are independent, so the gradient of the summed log-probabilities with respect to
            // each row of a pre-activation is that example's own gradient.
            var deltas = autograd.grad([logProbabilities.select(1, y).sum()], preActivations, retain_graph: y < architecture.Classes - 1);
            var p = probabilities.narrow(1, y, 1);
            for (int l = 0; l < layers.Length; l++)
            {
                var weighted = deltas[l].pow(held[2]).mul_(p);
                weightFisher[l].add_(squaredInputs[l].t().mm(weighted), held[1]);
                biasFisher[l].add_(weighted.sum(0L), held[1]); // 0L: an int 0 would pick the sum(ScalarType) overload
            }
        }
        var result = new float[architecture.ParameterCount];
        long offset = 0;
        for (int l = 0; l < layers.Length; l++)
            foreach (var part in new[] { weightFisher[l], biasFisher[l] })
            {
                var values = part.div(held[examples]).contiguous().data<float>().ToArray();
                values.CopyTo(result, offset);
                offset += values.Length;
            }
        return result;
    }

    /// <summary>
    /// The flat Fisher diagonal split into the architecture's named tensors, in the shapes a checkpoint
    /// of that architecture stores (weights [out, in] when it declares the out_in layout).
    /// </summary>
    public static IReadOnlyList<(string Name, long[] Shape, float[] Values)> NamedTensors(MlpArchitecture architecture, ReadOnlySpan<float> fisher)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (fisher.Length != architecture.ParameterCount)
            throw new ArgumentException($"Got {fisher.Length} Fisher values, the architecture has {architecture.ParameterCount} parameters.");
        bool outIn = architecture.WeightLayout == MlpArchitecture.OutIn;
        var tensors = new List<(string, long[], float[])>();
        foreach (var slot in architecture.Layout)
        {
            var values = fisher.Slice((int)slot.Offset, (int)slot.Length).ToArray();
            if (outIn && slot.Shape.Length == 2)
            {
                int rows = (int)slot.Shape[0], columns = (int)slot.Shape[1];
                var transposed = new float[values.Length];
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < columns; c++) transposed[c * rows + r] = values[r * columns + c];
                tensors.Add((slot.Name, [slot.Shape[1], slot.Shape[0]], transposed));
            }
            else tensors.Add((slot.Name, slot.Shape, values));
        }
        return tensors;
    }

    static Tensor Activate(Tensor x, string activation) => activation switch
    {
        "relu" => x.relu(),
        "tanh" => x.tanh(),
        "sigmoid" => x.sigmoid(),
        "gelu" => nn.functional.gelu(x),
        _ => throw new ArgumentException($"Unknown activation '{activation}'."),
    };
}
