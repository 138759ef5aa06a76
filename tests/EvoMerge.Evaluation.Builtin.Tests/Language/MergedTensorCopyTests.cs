using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>Merged tensors reach TorchSharp in pieces, so embeddings over 2 GiB load; a small piece size shows the seams.</summary>
public sealed class MergedTensorCopyTests
{
    [Theory]
    [InlineData(SafeTensorDType.BF16, 6)]
    [InlineData(SafeTensorDType.F32, 12)]
    [InlineData(SafeTensorDType.F32, 1L << 30)]
    public void Pieces_reassemble_the_tensor_exactly(SafeTensorDType dtype, long pieceBytes)
    {
        using var source = MergedTensor.Allocate(dtype, 5, 7);
        var pattern = Enumerable.Range(0, (int)source.ByteLength).Select(i => (byte)(i * 37 % 251)).ToArray();
        pattern.CopyTo(source.WritableBytesAt(0, pattern.Length));

        using var tensor = MergedTensorCopy.ToTorch(source, pieceBytes);

        Assert.Equal(new long[] { 5, 7 }, tensor.shape);
        Assert.Equal(pattern, tensor.bytes.ToArray());
    }
}
