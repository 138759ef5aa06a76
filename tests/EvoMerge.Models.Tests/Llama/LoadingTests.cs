using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

public class LoadingTests
{
    [Fact]
    public void Tensors_of_the_requested_dtype_are_borrowed_and_left_to_the_caller()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        var tensors = TinyLlama.RandomTensors(config, seed: 21);
        var model = LlamaModel.FromTensors(config, tensors);
        Assert.Same(tensors[LlamaTensorNames.Embedding], model.Embedding);
        model.Dispose();
        // Still usable: the model did not dispose what it borrowed.
        Assert.Equal(config.VocabSize, tensors[LlamaTensorNames.Embedding].shape[0]);
        _ = tensors[LlamaTensorNames.Embedding].sum().item<float>();
    }

    [Fact]
    public void Tensors_of_another_dtype_are_converted_into_owned_copies()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        var tensors = TinyLlama.RandomTensors(config, seed: 22);
        using var model = LlamaModel.FromTensors(config, tensors, new LlamaLoadOptions { DType = ScalarType.BFloat16 });
        Assert.Equal(ScalarType.BFloat16, model.Embedding.dtype);
        Assert.NotSame(tensors[LlamaTensorNames.Embedding], model.Embedding);
        Assert.Equal(ScalarType.Float32, model.Forward(tensor(new long[] { 1, 2, 3 }).unsqueeze(0)).dtype);
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        var tensors = TinyLlama.RandomTensors(config, seed: 23);
        tensors.Remove("model.layers.1.mlp.up_proj.weight");
        var error = Assert.Throws<ArgumentException>(() => LlamaModel.FromTensors(config, tensors));
        Assert.Contains("'model.layers.1.mlp.up_proj.weight'", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void A_misshaped_tensor_is_named_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        var tensors = TinyLlama.RandomTensors(config, seed: 24);
        tensors["model.layers.0.self_attn.k_proj.weight"] = zeros(16, 16);
        var error = Assert.Throws<ArgumentException>(() => LlamaModel.FromTensors(config, tensors));
        Assert.Contains("'model.layers.0.self_attn.k_proj.weight' has shape [16, 16], the config calls for [8, 16]", error.Message);
    }

    [Fact]
    public void An_unexpected_tensor_is_named()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        var tensors = TinyLlama.RandomTensors(config, seed: 25);
        tensors["model.layers.3.input_layernorm.weight"] = ones(16);
        var error = Assert.Throws<ArgumentException>(() => LlamaModel.FromTensors(config, tensors));
        Assert.Contains("'model.layers.3.input_layernorm.weight'", error.Message);
    }

    [Fact]
    public void A_sharded_checkpoint_and_a_tied_one_load()
    {
        using var sharded = LlamaModel.Load(LlamaFixtures.Folder("llama3_rope"));
        Assert.Equal(2, sharded.Layers.Count);
        Assert.NotNull(sharded.Layers[0].OutputBias);
        Assert.NotNull(sharded.Layers[0].GateBias);
        using var tied = LlamaModel.Load(LlamaFixtures.Folder("gqa_tied"));
        Assert.Same(tied.Embedding, tied.LmHead);
        Assert.False(tied.Tensors.ContainsKey(LlamaTensorNames.LmHead));
    }
}
