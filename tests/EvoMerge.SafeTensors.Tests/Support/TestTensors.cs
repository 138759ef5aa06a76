using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.SafeTensors.Tests.Support;

/// <summary>Deterministic byte patterns for tensors, distinct per tensor name.</summary>
internal static class TestTensors
{
    public static byte[] Pattern(TensorSpec spec)
    {
        var bytes = new byte[spec.ByteLength];
        var seed = spec.Name.Aggregate(17, (h, c) => unchecked(h * 31 + c));
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)unchecked(seed + i * 7);
        }

        return bytes;
    }

    /// <summary>Writes every tensor's pattern, in the order given.</summary>
    public static void WriteAll(CheckpointWriter writer, IEnumerable<TensorSpec> specs)
    {
        foreach (var spec in specs)
        {
            writer.Write(spec.Name, Pattern(spec));
        }
    }

    /// <summary>One tensor of every dtype, plus a scalar and empty tensors, with odd sizes that would misalign naive layouts.</summary>
    public static IReadOnlyList<TensorSpec> EveryKind() =>
    [
        .. SafeTensorDTypes.All.Select(t => new TensorSpec($"w.{SafeTensorDTypes.ToHeaderName(t)}", t, [3, 5])),
        new("scalar", SafeTensorDType.F32, []),
        new("empty", SafeTensorDType.BF16, [0, 4]),
        new("empty.tail", SafeTensorDType.U8, [7, 0]),
        new("odd.u8", SafeTensorDType.U8, [3]),
        new("after.odd", SafeTensorDType.F64, [2]),
    ];
}
