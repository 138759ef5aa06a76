using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

public class LayerPathTests
{
    static readonly long[] Prompt = [3, 17, 5, 9, 22, 1];

    [Fact]
    public void Identity_path_reproduces_the_plain_model_exactly()
    {
        using var scope = NewDisposeScope();
        var tensors = TinyLlama.RandomTensors(TinyLlama.Config(), seed: 1);
        using var model = LlamaModel.FromTensors(TinyLlama.Config(), tensors);
        var view = LayerPathModel.FromModels(model, [model], LayerPath.Identity(model.Config.NumHiddenLayers));
        var ids = tensor(new long[] { 0, 0, 3, 17, 5, 9, 4, 8, 15, 16, 23, 2 }).view(2, 6);
        var mask = tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }).view(2, 6);
        Assert.True(model.Forward(ids, mask).eq(view.Forward(ids, mask)).all().item<bool>());
        var options = new GenerationOptions { MaxNewTokens = 5 };
        var plain = model.GenerateGreedy(ids, mask, options);
        var viaPath = view.GenerateGreedy(ids, mask, options);
        for (int row = 0; row < 2; row++)
            Assert.Equal(plain[row].Tokens, viaPath[row].Tokens);
    }

    [Fact]
    public void Scaled_hops_over_two_models_match_a_manual_hop_by_hop_computation()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var a = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 2));
        using var b = LlamaModel.FromTensors(config with { NumHiddenLayers = 2 }, TinyLlama.RandomTensors(config with { NumHiddenLayers = 2 }, seed: 3));
        // Layout: a's layers 0,1,2 then b's layers as 3,4. Path a0 -> b1 (x0.5) -> a0 again (x1.75) -> b0 (x-0.8).
        var path = new LayerPath([0, 4, 0, 3], [1f, 0.5f, 1.75f, -0.8f]);
        var view = LayerPathModel.FromModels(a, [a, b], path);
        Assert.Equal(5, view.TotalLayers);

        using var held = new HeldScalars();
        var x = ReferenceDecoder.Embed(a, Prompt);
        x = ReferenceDecoder.Layer(a.Layers[0], x);
        x = ReferenceDecoder.Layer(b.Layers[1], x.mul(held[0.5f]));
        x = ReferenceDecoder.Layer(a.Layers[0], x.mul(held[1.75f]));
        x = ReferenceDecoder.Layer(b.Layers[0], x.mul(held[-0.8f]));
        var expected = ReferenceDecoder.Logits(a, x);

        var actual = view.Forward(tensor(Prompt).unsqueeze(0))[0];
        double error = (actual - expected).abs().max().item<float>();
        Assert.True(error < 1e-4, $"max error {error:E2}");

        // The scales matter: the same layers with scale 1 give clearly different logits.
        var unscaled = LayerPathModel.FromModels(a, [a, b], new LayerPath([0, 4, 0, 3], [1f, 1f, 1f, 1f]));
        double change = (unscaled.Forward(tensor(Prompt).unsqueeze(0))[0] - expected).abs().max().item<float>();
        Assert.True(change > 1e-2, $"scales changed logits by only {change:E2}");
    }

    [Fact]
    public void Plain_model_matches_the_manual_computation_too()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config(keyValueHeads: 1, tied: true);
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 4));
        var x = ReferenceDecoder.Embed(model, Prompt);
        foreach (var layer in model.Layers)
            x = ReferenceDecoder.Layer(layer, x);
        var expected = ReferenceDecoder.Logits(model, x);
        double error = (model.Forward(tensor(Prompt).unsqueeze(0))[0] - expected).abs().max().item<float>();
        Assert.True(error < 1e-4, $"max error {error:E2}");
    }

    [Fact]
    public void Path_generation_with_the_cache_equals_the_argmax_loop()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 5));
        // Layer 1 visited twice: each visit needs its own cache entry.
        var view = LayerPathModel.FromModels(model, [model], new LayerPath([0, 1, 1, 2], [1f, 0.9f, 1.1f, 1f]));
        var ids = tensor(new long[] { 3, 17, 5, 0, 4, 8, 15, 16 }).view(2, 4);
        var mask = tensor(new long[] { 1, 1, 1, 0, 1, 1, 1, 1 }).view(2, 4);
        var cached = view.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 6 });
        var loop = view.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 6, UseKvCache = false });
        for (int row = 0; row < 2; row++)
            Assert.Equal(loop[row].Tokens, cached[row].Tokens);
    }

    [Fact]
    public void Invalid_paths_and_sources_are_rejected_with_reasons()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 6));
        var wider = config with { HiddenSize = 32 };
        using var other = LlamaModel.FromTensors(wider, TinyLlama.RandomTensors(wider, seed: 7));

        Assert.Contains("first hop", Assert.Throws<ArgumentException>(() => new LayerPath([0, 1], [0.5f, 1f])).Message);
        Assert.Contains("one scale per hop", Assert.Throws<ArgumentException>(() => new LayerPath([0, 1], [1f])).Message);
        Assert.Contains("out of range", Assert.Throws<ArgumentException>(
            () => LayerPathModel.FromModels(model, [model], new LayerPath([0, 3], [1f, 1f]))).Message);
        Assert.Contains("source 1, layer 0", Assert.Throws<ArgumentException>(
            () => LayerPathModel.FromModels(model, [model, other], new LayerPath([0], [1f]))).Message);
    }
}
