using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Sparsification;

/// <summary>Both ways of drawing keep flags (CPU kernels and the torch ops used on other devices) keep at the promised rates.</summary>
public class KeepFlagsTests
{
    [Fact]
    public void Dare_torch_flags_keep_at_the_density_and_replay()
    {
        using var scope = NewDisposeScope();
        var chunks = Chunking.Split(300_000, 1, 100_000);
        var mask = new RandomKeepMask(chunks, 0.3, new Generator(4));
        var flags = zeros(100_000);
        mask.TorchFlags(flags, chunks[1]);
        double rate = flags.mean().item<float>();
        Assert.InRange(rate, 0.3 - 5 * Math.Sqrt(0.21 / 100_000), 0.3 + 5 * Math.Sqrt(0.21 / 100_000));
        var again = zeros(100_000);
        mask.TorchFlags(again, chunks[1]);
        Assert.True(flags.eq(again).all().item<bool>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Della_flags_follow_the_rank_probabilities(bool torchOps)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        const int rows = 3000, columns = 40;
        var g = new Generator(5);
        var magnitudes = stack(Enumerable.Range(0, rows).Select(_ => randperm(columns, generator: g).to(ScalarType.Float32).add_(held[1], held[1])).ToArray());
        var flat = magnitudes.view(-1);
        var chunks = Chunking.Split(flat.numel(), columns, 4000);
        var source = new TaskVectorSource(flat, zeros_like(flat), [rows, columns], chunks);
        var mask = new RankSamplingMask(source, 0.4, 0.3, new Generator(6));
        using var workspace = ChunkWorkspace.For(chunks, CPU);
        var flags = empty_like(flat);
        foreach (var chunk in chunks)
        {
            var delta = source.Delta(chunk, workspace.Get("d", ScalarType.Float32, chunk.Length));
            var chunkFlags = torchOps ? mask.TorchFlags(delta, chunk) : mask.KernelFlags(delta, chunk, workspace);
            flags.narrow(0, chunk.Start, chunk.Length).copy_(chunkFlags);
        }
        foreach (int rank in new[] { 0, 13, 39 })
        {
            double expected = 0.1 + 0.6 * rank / (columns - 1);
            double observed = flags.masked_select(flat.eq(held[rank + 1])).mean().item<float>();
            double sigma = Math.Sqrt(expected * (1 - expected) / rows);
            Assert.InRange(observed, expected - 5 * sigma, expected + 5 * sigma);
        }
    }
}
