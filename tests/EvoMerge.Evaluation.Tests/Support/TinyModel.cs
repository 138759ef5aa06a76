using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Tests.Support;

/// <summary>A two-tensor model for tests that do not run it.</summary>
internal static class TinyModel
{
    public static MergedModel Create() => new([
        new("w", MergedTensor.FromFloat32([1f, 2f, 3f, 4f, 5f, 6f], 2, 3)),
        new("h", MergedTensor.FromBytes(SafeTensorDType.BF16, [2], new byte[] { 0x80, 0x3f, 0x00, 0x40 })),
    ]);
}
