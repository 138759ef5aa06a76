using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

/// <summary>
/// A deliberately plain float32 forward for one unpadded sequence, written from the model definition
/// with explicit softmax attention, used to check layer paths hop by hop.
/// </summary>
static class ReferenceDecoder
{
    public static Tensor Embed(LlamaModel model, long[] tokens) => model.Embedding.index_select(0, tensor(tokens));

    public static Tensor Logits(LlamaModel model, Tensor x) =>
        matmul(Norm(x, model.FinalNorm, model.Config.RmsNormEps), model.LmHead.t());

    /// <summary>x [T, H] through one decoder layer (positions 0..T-1).</summary>
    public static Tensor Layer(LlamaDecoderLayer layer, Tensor x)
    {
        using var held = new HeldScalars();
        var c = layer.Config;
        long t = x.shape[0];
        int heads = c.NumAttentionHeads, kvHeads = c.NumKeyValueHeads, d = c.HeadDim;
        var h = Norm(x, layer.InputNorm, c.RmsNormEps);
        var q = Rope(Linear(h, layer.QueryWeight, layer.QueryBias).view(t, heads, d), c);
        var k = Rope(Linear(h, layer.KeyWeight, layer.KeyBias).view(t, kvHeads, d), c);
        var v = Linear(h, layer.ValueWeight, layer.ValueBias).view(t, kvHeads, d);
        var future = ones(t, t).triu(1).to_type(ScalarType.Bool);
        var outputs = new List<Tensor>();
        for (int head = 0; head < heads; head++)
        {
            int kv = head / (heads / kvHeads);
            var scores = matmul(q.select(1, head), k.select(1, kv).t()).div(held[Math.Sqrt(d)]);
            var weights = scores.masked_fill(future, held[double.NegativeInfinity]).softmax(-1);
            outputs.Add(matmul(weights, v.select(1, kv)));
        }

        var attended = x.add(Linear(cat(outputs, 1), layer.OutputWeight, layer.OutputBias), held[1]);
        var m = Norm(attended, layer.PostAttentionNorm, c.RmsNormEps);
        var gate = Linear(m, layer.GateWeight, layer.GateBias);
        var up = Linear(m, layer.UpWeight, layer.UpBias);
        return attended.add(Linear(gate * gate.sigmoid() * up, layer.DownWeight, layer.DownBias), held[1]);
    }

    static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        if (bias is null)
            return matmul(x, weight.t());
        using var held = new HeldScalars();
        return matmul(x, weight.t()).add(bias, held[1]);
    }

    static Tensor Norm(Tensor x, Tensor weight, double eps)
    {
        using var held = new HeldScalars();
        return weight * x / x.pow(held[2]).mean([-1], keepdim: true).add(held[eps], held[1]).sqrt();
    }

    /// <summary>Rotates [T, heads, d]: pair (j, j + d/2) at position p by angle p * frequency j.</summary>
    static Tensor Rope(Tensor x, LlamaConfig config)
    {
        using var held = new HeldScalars();
        var frequencies = tensor(RotaryEmbedding.InverseFrequencies(config)).to_type(ScalarType.Float32);
        var angles = arange(held[0], held[x.shape[0]], held[1], dtype: ScalarType.Float32).unsqueeze(1) * frequencies; // [T, d/2]
        var cos = angles.cos().unsqueeze(1);
        var sin = angles.sin().unsqueeze(1);
        long half = x.shape[2] / 2;
        var a = x.narrow(2, 0, half);
        var b = x.narrow(2, half, half);
        return cat([a * cos - b * sin, (b * cos).add(a * sin, held[1])], 2);
    }
}
