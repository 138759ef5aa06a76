using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Families;

/// <summary>
/// Tensors over 2 GiB cannot pass through one span; the loader copies them in pieces. A piece size of a
/// few bytes makes every tensor of a tiny checkpoint take that path (odd sizes leave a short last piece).
/// </summary>
public class PiecewiseLoadingTests
{
    [Theory]
    [InlineData("phi3", 6L)]
    [InlineData("gemma2", 1000L)]
    [InlineData("qwen3", 1L)]
    public void Tensors_copied_in_small_pieces_equal_the_whole_copy(string fixture, long pieceBytes)
    {
        using var scope = NewDisposeScope();
        using var whole = LlamaModel.Load(FamilyFixtures.Folder(fixture));
        using var pieces = LlamaModel.Load(FamilyFixtures.Folder(fixture), new LlamaLoadOptions { CopyPieceBytes = pieceBytes });
        Assert.Equal(whole.Tensors.Keys.Order(), pieces.Tensors.Keys.Order());
        foreach (var (name, tensor) in whole.Tensors)
            Assert.True(tensor.eq(pieces.Tensors[name]).all().item<bool>(), $"{name} differs when copied in {pieceBytes}-byte pieces");
    }
}
