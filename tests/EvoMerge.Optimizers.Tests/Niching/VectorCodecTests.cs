using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class VectorCodecTests
{
    [Fact]
    public void Round_trip_is_bit_exact_including_special_values()
    {
        double[] values = [0.1, -0.0, double.Epsilon, double.MaxValue, double.NaN, double.NegativeInfinity, 1e-300];
        var back = VectorCodec.Decode(VectorCodec.Encode(values), values.Length);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Encoding_is_little_endian_ieee()
    {
        Assert.Equal(Convert.ToBase64String([0, 0, 0, 0, 0, 0, 0xF0, 0x3F]), VectorCodec.Encode([1.0]));
    }

    [Fact]
    public void A_wrong_length_is_rejected()
    {
        Assert.Throws<FormatException>(() => VectorCodec.Decode(VectorCodec.Encode([1.0, 2.0]), 3));
    }
}
