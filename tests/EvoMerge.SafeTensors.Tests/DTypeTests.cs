using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Tests;

public sealed class DTypeTests
{
    [Theory]
    [InlineData(SafeTensorDType.F64, "F64", 8)]
    [InlineData(SafeTensorDType.F32, "F32", 4)]
    [InlineData(SafeTensorDType.F16, "F16", 2)]
    [InlineData(SafeTensorDType.BF16, "BF16", 2)]
    [InlineData(SafeTensorDType.I64, "I64", 8)]
    [InlineData(SafeTensorDType.I32, "I32", 4)]
    [InlineData(SafeTensorDType.I16, "I16", 2)]
    [InlineData(SafeTensorDType.I8, "I8", 1)]
    [InlineData(SafeTensorDType.U8, "U8", 1)]
    [InlineData(SafeTensorDType.BOOL, "BOOL", 1)]
    [InlineData(SafeTensorDType.U16, "U16", 2)]
    [InlineData(SafeTensorDType.U32, "U32", 4)]
    [InlineData(SafeTensorDType.U64, "U64", 8)]
    [InlineData(SafeTensorDType.F8_E4M3, "F8_E4M3", 1)]
    [InlineData(SafeTensorDType.F8_E5M2, "F8_E5M2", 1)]
    public void Names_and_sizes_follow_the_format(SafeTensorDType dtype, string name, int size)
    {
        Assert.Equal(name, SafeTensorDTypes.ToHeaderName(dtype));
        Assert.Equal(size, SafeTensorDTypes.SizeOf(dtype));
        Assert.True(SafeTensorDTypes.TryParse(name, out var parsed));
        Assert.Equal(dtype, parsed);
    }

    [Fact]
    public void Every_dtype_is_covered_by_the_table_above() => Assert.Equal(15, SafeTensorDTypes.All.Count);

    [Theory]
    [InlineData("f32")]
    [InlineData("float32")]
    [InlineData("")]
    [InlineData("1")]
    public void Unknown_names_do_not_parse(string name) => Assert.False(SafeTensorDTypes.TryParse(name, out _));
}
