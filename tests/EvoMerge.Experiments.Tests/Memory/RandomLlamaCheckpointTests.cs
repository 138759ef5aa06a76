using System.Runtime.InteropServices;
using EvoMerge.Experiments.Memory;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Torch;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.TestSupport;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.Tests.Memory;

public sealed class RandomLlamaCheckpointTests
{
    // 1500 x 64 = 96,000 embedding values: more than one draw run (65,536), so blocks cross a run's edge.
    static readonly TinyLlamaShape Shape = new(Hidden: 64, Intermediate: 96, Layers: 1, Vocab: 1500);

    [Fact]
    public void Block_size_does_not_change_the_bytes()
    {
        using var temp = new TempFolder();
        RandomLlamaCheckpoint.Write(temp.Combine("whole"), Shape, heads: 4, keyValueHeads: 2, expertSeed: 7);
        // 3 rows of 64 float32 values per block (768 bytes): hundreds of blocks, none aligned with a draw run.
        RandomLlamaCheckpoint.Write(temp.Combine("blocks"), Shape, heads: 4, keyValueHeads: 2, expertSeed: 7, maxBlockBytes: 1000);
        // Smaller than one row: one row per block.
        RandomLlamaCheckpoint.Write(temp.Combine("rows"), Shape, heads: 4, keyValueHeads: 2, expertSeed: 7, maxBlockBytes: 1);

        byte[] whole = File.ReadAllBytes(temp.Combine("whole", "model.safetensors"));
        Assert.Equal(whole, File.ReadAllBytes(temp.Combine("blocks", "model.safetensors")));
        Assert.Equal(whole, File.ReadAllBytes(temp.Combine("rows", "model.safetensors")));
        Assert.Equal(File.ReadAllText(temp.Combine("whole", "config.json")), File.ReadAllText(temp.Combine("rows", "config.json")));
        Assert.Equal(["config.json", "model.safetensors"], Directory.GetFiles(temp.Combine("rows")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Weights_are_the_base_draws_plus_the_experts_noise()
    {
        using var temp = new TempFolder();
        RandomLlamaCheckpoint.Write(temp.Combine("base"), Shape, heads: 4, keyValueHeads: 2, expertSeed: null);
        RandomLlamaCheckpoint.Write(temp.Combine("a"), Shape, heads: 4, keyValueHeads: 2, expertSeed: 2);
        RandomLlamaCheckpoint.Write(temp.Combine("b"), Shape, heads: 4, keyValueHeads: 2, expertSeed: 3);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var embedding = Read(temp.Combine("base"), "model.embed_tokens.weight");
        var head = Read(temp.Combine("base"), "lm_head.weight");
        var a = Read(temp.Combine("a"), "model.embed_tokens.weight") - embedding;
        var b = Read(temp.Combine("b"), "model.embed_tokens.weight") - embedding;

        Assert.Equal(new long[] { 1500, 64 }, embedding.shape);
        Assert.InRange(embedding.std().item<float>(), 0.0195, 0.0205);
        Assert.InRange(embedding.mean().item<float>(), -0.0005, 0.0005);
        Assert.InRange(a.std().item<float>(), 0.0095, 0.0105);   // bf16 rounding adds ~0.0001
        Assert.InRange(b.std().item<float>(), 0.0095, 0.0105);
        Assert.InRange(corrcoef(stack([a.flatten(), b.flatten()]))[0, 1].item<float>(), -0.02, 0.02);
        Assert.InRange(corrcoef(stack([embedding.flatten(), head.flatten()]))[0, 1].item<float>(), -0.02, 0.02);
        Assert.True(Read(temp.Combine("base"), "model.norm.weight").eq(held[1]).all().item<bool>());
        Assert.Equal(new long[] { 32, 64 }, Read(temp.Combine("a"), "model.layers.0.self_attn.k_proj.weight").shape);
    }

    [Fact]
    public void Block_rows_fit_the_budget_and_are_one_at_least()
    {
        Assert.Equal(4096, RandomLlamaCheckpoint.BlockRows(4096, 64L << 20));
        Assert.Equal(3, RandomLlamaCheckpoint.BlockRows(64, 1000));
        Assert.Equal(1, RandomLlamaCheckpoint.BlockRows(2048, 1));
    }

    static Tensor Read(string folder, string name)
    {
        using var checkpoint = SafeTensorsCheckpoint.Open(folder);
        var info = checkpoint.GetInfo(name);
        // bf16 is the high half of a float32.
        var halves = MemoryMarshal.Cast<byte, ushort>(checkpoint.GetBytes(name));
        var values = new float[halves.Length];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int32BitsToSingle(halves[i] << 16);
        return tensor(values).reshape(info.Shape);
    }
}
