using EvoMerge.Models.Llama;
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
            var scores = matmul(q.select(1, head), k.select(1, kv).t()) / Math.Sqrt(d);
            var weights = scores.masked_fill(future, double.NegativeInfinity).softmax(-1);
            outputs.Add(matmul(weights, v.select(1, kv)));
        }

        var attended = x + Linear(cat(outputs, 1), layer.OutputWeight, layer.OutputBias);
        var m = Norm(attended, layer.PostAttentionNorm, c.RmsNormEps);
        var gate = Linear(m, layer.GateWeight, layer.GateBias);
        var up = Linear(m, layer.UpWeight, layer.UpBias);
        return attended + Linear(gate * gate.sigmoid() * up, layer.DownWeight, layer.DownBias);
    }

    static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) => bias is null ? matmul(x, weight.t()) : matmul(x, weight.t()) + bias;

    static Tensor Norm(Tensor x, Tensor weight, double eps) => weight * x / (x.pow(2).mean([-1], keepdim: true) + eps).sqrt();

    /// <summary>Rotates [T, heads, d]: pair (j, j + d/2) at position p by angle p * frequency j.</summary>
    static Tensor Rope(Tensor x, LlamaConfig config)
    {
        var frequencies = tensor(RotaryEmbedding.InverseFrequencies(config)).to_type(ScalarType.Float32);
        var angles = arange(x.shape[0], dtype: ScalarType.Float32).unsqueeze(1) * frequencies; // [T, d/2]
        var cos = angles.cos().unsqueeze(1);
        var sin = angles.sin().unsqueeze(1);
        long half = x.shape[2] / 2;
        var a = x.narrow(2, 0, half);
        var b = x.narrow(2, half, half);
        return cat([a * cos - b * sin, b * cos + a * sin], 2);
    }
}
