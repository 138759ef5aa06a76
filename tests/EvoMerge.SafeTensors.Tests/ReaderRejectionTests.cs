using System.Text;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>Every rule of the strict reader, each broken by a hand-built file.</summary>
public sealed class ReaderRejectionTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void File_under_8_bytes_is_rejected(int length)
    {
        var file = _dir.WriteBytes("small.safetensors", new byte[length]);
        RuleAssert.RejectsFile(file, FormatRules.FileTooSmall);
    }

    [Fact]
    public void Header_length_over_100_million_is_rejected()
    {
        var file = _dir.WriteBytes("huge.safetensors", [.. RawSafeTensors.LengthPrefix(100_000_001), .. "{}"u8]);
        RuleAssert.RejectsFile(file, FormatRules.HeaderTooLarge);
    }

    [Fact]
    public void Git_lfs_pointer_is_named_with_a_git_lfs_pull_hint()
    {
        var pointer = "version https://git-lfs.github.com/spec/v1\n" +
                      "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
        var file = _dir.WriteBytes("model.safetensors", Encoding.ASCII.GetBytes(pointer));
        var error = RuleAssert.RejectsFile(file, FormatRules.GitLfsPointer);
        Assert.Contains("git-lfs pointer", error.Message);
        Assert.Contains("git lfs pull", error.Message);
    }

    [Fact]
    public void Header_running_past_the_end_of_the_file_is_rejected()
    {
        var file = _dir.WriteBytes("cut.safetensors", [.. RawSafeTensors.LengthPrefix(100), .. new byte[50]]);
        RuleAssert.RejectsFile(file, FormatRules.HeaderPastEnd);
    }

    [Fact]
    public void Header_that_is_not_utf8_is_rejected()
    {
        byte[] header = [.. "{\"t"u8, 0xFF, 0xFE, .. "\":{}}"u8];
        var file = _dir.WriteBytes("latin.safetensors", RawSafeTensors.Build(header, []));
        RuleAssert.RejectsFile(file, FormatRules.HeaderNotUtf8);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},}")]
    [InlineData("")]
    [InlineData("{}\0\0\0\0\0\0")]
    public void Header_that_is_not_json_is_rejected(string header)
    {
        var file = _dir.WriteBytes("bad.safetensors", RawSafeTensors.Build(header));
        RuleAssert.RejectsFile(file, FormatRules.InvalidJson);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"t\":[1,2]}")]
    [InlineData("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}")]
    [InlineData("{\"t\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}")]
    [InlineData("{\"__metadata__\":{\"k\":1}}")]
    [InlineData("{\"__metadata__\":[\"k\"]}")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}")]
    public void Header_with_the_wrong_structure_is_rejected(string header)
    {
        var file = _dir.WriteBytes("shape.safetensors", RawSafeTensors.Build(header, new byte[4]));
        RuleAssert.RejectsFile(file, FormatRules.InvalidJson);
    }

    [Theory]
    [InlineData("F128")]
    [InlineData("f32")]
    [InlineData("float32")]
    public void Unknown_dtype_is_rejected(string dtype)
    {
        var header = $$$"""{"t":{"dtype":"{{{dtype}}}","shape":[1],"data_offsets":[0,4]}}""";
        var file = _dir.WriteBytes("dtype.safetensors", RawSafeTensors.Build(header, new byte[4]));
        var error = RuleAssert.RejectsFile(file, FormatRules.UnknownDType);
        Assert.Contains($"'{dtype}'", error.Message);
    }

    [Fact]
    public void Tensor_named_twice_is_rejected()
    {
        const string header = """{"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"t":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""";
        var file = _dir.WriteBytes("twice.safetensors", RawSafeTensors.Build(header, new byte[2]));
        RuleAssert.RejectsFile(file, FormatRules.DuplicateTensor);
    }

    [Theory]
    [InlineData("""{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[3,5]}}""", 5)]
    [InlineData("""{"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}""", 4)]
    public void Offsets_leaving_a_gap_are_rejected(string header, int dataBytes)
    {
        var file = _dir.WriteBytes("gap.safetensors", RawSafeTensors.Build(header, new byte[dataBytes]));
        RuleAssert.RejectsFile(file, FormatRules.OffsetGap);
    }

    [Fact]
    public void Overlapping_offsets_are_rejected()
    {
        const string header = """{"b":{"dtype":"U8","shape":[3],"data_offsets":[2,5]},"a":{"dtype":"U8","shape":[3],"data_offsets":[0,3]}}""";
        var file = _dir.WriteBytes("overlap.safetensors", RawSafeTensors.Build(header, new byte[5]));
        var error = RuleAssert.RejectsFile(file, FormatRules.OffsetOverlap);
        Assert.Contains("'a'", error.Message);
        Assert.Contains("'b'", error.Message);
    }

    [Theory]
    [InlineData("F32", "[2,3]", 20)]
    [InlineData("BF16", "[4]", 4)]
    [InlineData("F32", "[]", 8)]
    [InlineData("U8", "[0]", 1)]
    public void Offsets_not_matching_shape_times_dtype_size_are_rejected(string dtype, string shape, int span)
    {
        var header = $$$"""{"t":{"dtype":"{{{dtype}}}","shape":{{{shape}}},"data_offsets":[0,{{{span}}}]}}""";
        var file = _dir.WriteBytes("size.safetensors", RawSafeTensors.Build(header, new byte[span]));
        RuleAssert.RejectsFile(file, FormatRules.SizeMismatch);
    }

    [Theory]
    [InlineData("""{"t":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}""")]
    [InlineData("""{"t":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,0]}}""")]
    [InlineData("""{"t":{"dtype":"U8","shape":[18446744073709551615],"data_offsets":[0,0]}}""")]
    [InlineData("""{"t":{"dtype":"U8","shape":[1],"data_offsets":[0,9223372036854775808]}}""")]
    public void Size_arithmetic_overflow_is_rejected(string header)
    {
        var file = _dir.WriteBytes("overflow.safetensors", RawSafeTensors.Build(header));
        RuleAssert.RejectsFile(file, FormatRules.SizeOverflow);
    }

    [Fact]
    public void Truncated_data_buffer_is_rejected_with_a_fetch_again_hint()
    {
        var complete = RawSafeTensors.SingleF32(16);
        var file = _dir.WriteBytes("truncated.safetensors", complete[..^5]);
        var error = RuleAssert.RejectsFile(file, FormatRules.BufferLengthMismatch);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_rejected()
    {
        var file = _dir.WriteBytes("trailing.safetensors", [.. RawSafeTensors.SingleF32(4), 0]);
        RuleAssert.RejectsFile(file, FormatRules.BufferLengthMismatch);
    }

    [Fact]
    public void Data_without_any_tensor_is_rejected()
    {
        var file = _dir.WriteBytes("orphan.safetensors", RawSafeTensors.Build("{}", new byte[8]));
        RuleAssert.RejectsFile(file, FormatRules.BufferLengthMismatch);
    }
}
