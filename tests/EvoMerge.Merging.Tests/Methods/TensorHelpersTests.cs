using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

public class TensorHelpersTests
{
    [Fact]
    public void Chunks_cover_the_range_in_order_with_aligned_lengths()
    {
        var chunks = Chunking.Split(1000, alignment: 40, targetElements: 100);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        Assert.Equal(1000, chunks.Sum(c => c.Length));
        Assert.All(chunks, c => Assert.Equal(0, c.Length % 40));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(80, c.Length));
        Assert.True(chunks.Zip(chunks.Skip(1)).All(p => p.First.Start + p.First.Length == p.Second.Start));
        Assert.Empty(Chunking.Split(0));
        Assert.Single(Chunking.Split(7, alignment: 7, targetElements: 2));
        Assert.Throws<ArgumentException>(() => Chunking.Split(10, alignment: 3));
    }

    [Fact]
    public void Scalars_round_like_tensors_of_the_dtype()
    {
        Assert.Equal(0.400390625, DtypeScalars.Round(0.4, ScalarType.BFloat16));
        Assert.Equal((double)0.4f, DtypeScalars.Round(0.4, ScalarType.Float32));
        Assert.Equal(0.4, DtypeScalars.Round(0.4, ScalarType.Float64));
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.BFloat16, ScalarType.Float16 })
            foreach (var v in new[] { 0.1, 0.35, -1.7, 3.14159, 1e-3 })
                Assert.Equal(tensor(new[] { v }).to(dtype).to(ScalarType.Float64).item<double>(), DtypeScalars.Round(v, dtype));
    }

    [Fact]
    public void Weight_sums_accumulate_in_float32_and_round_once()
    {
        double[] weights = [DtypeScalars.Round(0.4, ScalarType.BFloat16), DtypeScalars.Round(0.8, ScalarType.BFloat16), DtypeScalars.Round(0.2, ScalarType.BFloat16)];
        using var scope = NewDisposeScope();
        var expected = tensor(weights.Select(w => (float)w).ToArray()).to(ScalarType.BFloat16).sum().to(ScalarType.Float64).item<double>();
        Assert.Equal(expected, DtypeScalars.Sum(weights, ScalarType.BFloat16));
    }

    [Fact]
    public void Workspace_rejects_chunks_larger_than_it_holds()
    {
        using var workspace = new ChunkWorkspace(10, CPU);
        using var scope = NewDisposeScope();
        Assert.Equal(4, workspace.Get("a", ScalarType.Float32, 4).numel());
        Assert.Throws<ArgumentOutOfRangeException>(() => workspace.Get("a", ScalarType.Float32, 11));
    }
}
