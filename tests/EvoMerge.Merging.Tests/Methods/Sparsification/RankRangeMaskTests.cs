using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Sparsification;

public class RankRangeMaskTests
{
    static Tensor Masked(Tensor delta, long from, long to, long chunkElements)
    {
        var chunks = Chunking.Split(delta.numel(), 1, chunkElements);
        var source = new TaskVectorSource(delta, zeros_like(delta), [delta.numel()], chunks);
        var mask = RankRangeMask.Create(source, from, to);
        var result = empty_like(delta);
        using var workspace = ChunkWorkspace.For(chunks, delta.device);
        foreach (var chunk in chunks)
        {
            var d = source.Delta(chunk, workspace.Get("d", delta.dtype, chunk.Length));
            mask?.Apply(d, chunk, workspace);
            result.narrow(0, chunk.Start, chunk.Length).copy_(d);
        }
        return result;
    }

    public static TheoryData<long, long> Ranges => new()
    {
        { 0, 3000 }, { 1200, 3000 }, { 0, 1700 }, { 900, 2100 }, { 1500, 1501 }, { 1000, 1000 }, { 2999, 3000 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Keeps_exactly_the_ranks_a_stable_sort_gives(long from, long to)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(31);
        // Few distinct magnitudes: every boundary sits inside a run of ties spread over many chunks.
        var delta = randint(-6, 7, [3000], generator: g).to(ScalarType.Float32).div_(held[2]);
        var expected = delta * MergekitReference.RankRangeMask(delta, from, to);
        var actual = Masked(delta, from, to, 128);
        TensorAssert.BitEqual(expected, actual);
        // Zeros may be kept or dropped alike; the count of kept nonzero entries must match.
        Assert.Equal(expected.count_nonzero().item<long>(), actual.count_nonzero().item<long>());
    }

    [Fact]
    public void Whole_range_needs_no_mask_and_empty_range_drops_everything()
    {
        using var scope = NewDisposeScope();
        var delta = Inputs.T(1, -2, 3);
        var source = new TaskVectorSource(delta, zeros_like(delta), [3], Chunking.Split(3));
        Assert.Null(RankRangeMask.Create(source, 0, 3));
        Assert.IsType<DropAllMask>(RankRangeMask.Create(source, 2, 2));
    }
}
