using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Models.Mlp;

/// <summary>
/// The forward pass on a flat parameter tensor: views into it (no copies) for each weight and bias,
/// one fused <c>addmm</c> (bias + x @ W) per layer. Differentiable, so training uses it too.
/// </summary>
public static class MlpForward
{
    /// <summary>Per layer, a [in, out] weight view and an [out] bias view into <paramref name="flatParameters"/>.</summary>
    public static (Tensor Weight, Tensor Bias)[] LayerViews(MlpArchitecture architecture, Tensor flatParameters)
    {
        var widths = architecture.Widths;
        var layers = new (Tensor, Tensor)[architecture.LayerCount];
        long offset = 0;
        for (int layer = 0; layer < layers.Length; layer++)
        {
            int fanIn = widths[layer], fanOut = widths[layer + 1];
            var weight = flatParameters.narrow(0, offset, (long)fanIn * fanOut).view(fanIn, fanOut);
            offset += (long)fanIn * fanOut;
            var bias = flatParameters.narrow(0, offset, fanOut);
            offset += fanOut;
            layers[layer] = (weight, bias);
        }
        return layers;
    }

    /// <summary>Logits [N, classes]; the result belongs to the caller's dispose scope.</summary>
    public static Tensor Logits((Tensor Weight, Tensor Bias)[] layers, string activation, Tensor features)
    {
        using var scope = NewDisposeScope();
        var hidden = features;
        for (int layer = 0; layer < layers.Length; layer++)
        {
            hidden = addmm(layers[layer].Bias, hidden, layers[layer].Weight, beta: 1, alpha: 1);
            if (layer < layers.Length - 1) hidden = Activate(hidden, activation);
        }
        return hidden.MoveToOuterDisposeScope();
    }

    /// <summary>Logits computed straight from a flat parameter tensor.</summary>
    public static Tensor Logits(MlpArchitecture architecture, Tensor flatParameters, Tensor features)
    {
        using var scope = NewDisposeScope();
        return Logits(LayerViews(architecture, flatParameters), architecture.Activation, features).MoveToOuterDisposeScope();
    }

    // In place where torch offers it: the pre-activation is a fresh addmm result nobody else holds,
    // and skipping an [N, width] allocation per layer matters when evaluating tens of thousands of models.
    static Tensor Activate(Tensor x, string activation) => activation switch
    {
        "relu" => x.relu_(),
        "tanh" => x.tanh_(),
        "sigmoid" => x.sigmoid_(),
        "gelu" => nn.functional.gelu(x),
        _ => throw new ArgumentException($"Unknown activation '{activation}'."),
    };
}
