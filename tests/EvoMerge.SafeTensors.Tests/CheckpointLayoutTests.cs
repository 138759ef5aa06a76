using System.Text;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>Sharded and multi-file checkpoints: the index and the shard set are checked against the files.</summary>
public sealed class CheckpointLayoutTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] U8Tensors(params string[] names)
    {
        var entries = names.Select((n, i) => $$"""  "{{n}}": {"dtype":"U8","shape":[1],"data_offsets":[{{i}},{{i + 1}}]}""");
        var data = names.Select((_, i) => (byte)(i + 1)).ToArray();
        return RawSafeTensors.Build("{" + string.Join(",", entries) + "}", data);
    }

    private string WriteIndex(string weightMapJson) =>
        _dir.WriteBytes(CheckpointFiles.IndexFileName, Encoding.UTF8.GetBytes($$"""{"metadata":{"total_size":3},"weight_map":{{weightMapJson}}}"""));

    [Fact]
    public void Indexed_shards_open_in_index_order()
    {
        _dir.WriteBytes("s1.safetensors", U8Tensors("a", "c"));
        _dir.WriteBytes("s2.safetensors", U8Tensors("b"));
        WriteIndex("""{"c":"s1.safetensors","b":"s2.safetensors","a":"s1.safetensors"}""");

        var header = SafeTensorsCheckpoint.ReadHeaders(_dir.Path);
        Assert.Equal(["c", "b", "a"], header.TensorNames);
        Assert.Equal(_dir.Combine("s2.safetensors"), header.FileOfTensor["b"]);

        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.Equal(["c", "b", "a"], checkpoint.TensorNames);
        Assert.Equal(_dir.Combine("s1.safetensors"), checkpoint.FileOf("c"));
        Assert.Equal([2], checkpoint.GetBytes("c").ToArray());
        Assert.Equal([1], checkpoint.GetBytes("b").ToArray());
        Assert.Equal([1], checkpoint.GetBytes("a").ToArray());
    }

    [Fact]
    public void Index_file_itself_can_be_named()
    {
        _dir.WriteBytes("s1.safetensors", U8Tensors("a"));
        var index = WriteIndex("""{"a":"s1.safetensors"}""");
        using var checkpoint = SafeTensorsCheckpoint.Open(index);
        Assert.Equal(["a"], checkpoint.TensorNames);
    }

    [Theory]
    [InlineData("{\"weight_map\": {")]
    [InlineData("{\"metadata\": {}}")]
    [InlineData("{\"weight_map\": [\"a\"]}")]
    [InlineData("{\"weight_map\": {\"a\": 1}}")]
    [InlineData("{\"weight_map\": {\"a\": \"../s1.safetensors\"}}")]
    [InlineData("{\"weight_map\": {\"a\": \"s1.safetensors\", \"a\": \"s1.safetensors\"}}")]
    public void Invalid_index_is_rejected_naming_the_index(string indexJson)
    {
        _dir.WriteBytes("s1.safetensors", U8Tensors("a"));
        var index = _dir.WriteBytes(CheckpointFiles.IndexFileName, Encoding.UTF8.GetBytes(indexJson));
        RuleAssert.Rejects(index, FormatRules.InvalidIndex, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        RuleAssert.Rejects(index, FormatRules.InvalidIndex, () => SafeTensorsCheckpoint.Open(_dir.Path).Dispose());
    }

    [Fact]
    public void Shard_missing_on_disk_is_rejected()
    {
        _dir.WriteBytes("s1.safetensors", U8Tensors("a"));
        var index = WriteIndex("""{"a":"s1.safetensors","b":"s2.safetensors"}""");
        var error = RuleAssert.Rejects(index, FormatRules.MissingShard, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Contains("s2.safetensors", error.Message);
    }

    [Fact]
    public void Tensor_listed_in_the_index_but_absent_from_its_shard_is_rejected()
    {
        var shard = _dir.WriteBytes("s1.safetensors", U8Tensors("a"));
        _dir.WriteBytes("s2.safetensors", U8Tensors("b"));
        WriteIndex("""{"a":"s1.safetensors","b":"s1.safetensors"}""");
        var error = RuleAssert.Rejects(shard, FormatRules.MissingShardTensor, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Contains("'b'", error.Message);
        Assert.Contains(CheckpointFiles.IndexFileName, error.Message);
        RuleAssert.Rejects(shard, FormatRules.MissingShardTensor, () => SafeTensorsCheckpoint.Open(_dir.Path).Dispose());
    }

    [Fact]
    public void Tensor_in_a_shard_but_not_in_the_index_is_rejected()
    {
        var shard = _dir.WriteBytes("s1.safetensors", U8Tensors("a", "stray"));
        WriteIndex("""{"a":"s1.safetensors"}""");
        var error = RuleAssert.Rejects(shard, FormatRules.TensorNotInIndex, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Contains("'stray'", error.Message);
    }

    [Fact]
    public void Broken_shard_is_reported_by_its_own_rule()
    {
        var shard = _dir.WriteBytes("s1.safetensors", U8Tensors("a")[..^1]);
        WriteIndex("""{"a":"s1.safetensors"}""");
        RuleAssert.Rejects(shard, FormatRules.BufferLengthMismatch, () => SafeTensorsCheckpoint.Open(_dir.Path).Dispose());
    }

    [Fact]
    public void Folder_of_files_without_index_merges_their_tensors_in_file_order()
    {
        _dir.WriteBytes("b.safetensors", U8Tensors("y"));
        _dir.WriteBytes("a.safetensors", U8Tensors("x", "z"));
        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.Equal(["x", "z", "y"], checkpoint.TensorNames);
        Assert.Equal(_dir.Combine("b.safetensors"), checkpoint.FileOf("y"));
        Assert.Equal([2], checkpoint.GetBytes("z").ToArray());
    }

    [Fact]
    public void Folder_of_files_without_index_rejects_a_tensor_in_two_files()
    {
        _dir.WriteBytes("a.safetensors", U8Tensors("x"));
        var second = _dir.WriteBytes("b.safetensors", U8Tensors("x"));
        var error = RuleAssert.Rejects(second, FormatRules.DuplicateTensor, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Contains(_dir.Combine("a.safetensors"), error.Message);
    }

    [Fact]
    public void Incomplete_hugging_face_shard_set_without_index_is_rejected()
    {
        _dir.WriteBytes("model-00001-of-00003.safetensors", U8Tensors("a"));
        _dir.WriteBytes("model-00003-of-00003.safetensors", U8Tensors("c"));
        var error = RuleAssert.Rejects(_dir.Path, FormatRules.MissingShard, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Contains("model-00002-of-00003.safetensors", error.Message);
    }

    [Fact]
    public void Model_safetensors_is_preferred_over_other_safetensors_files()
    {
        _dir.WriteBytes("model.safetensors", U8Tensors("a"));
        _dir.WriteBytes("adapter.safetensors", U8Tensors("a"));
        Assert.Equal(["a"], SafeTensorsCheckpoint.ReadHeaders(_dir.Path).TensorNames);
    }

    [Fact]
    public void Empty_folder_is_rejected()
    {
        RuleAssert.Rejects(_dir.Path, FormatRules.NoCheckpoint, () => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
    }

    [Fact]
    public void Missing_path_is_a_file_not_found_error()
    {
        var missing = _dir.Combine("nothing-here");
        var error = Assert.Throws<FileNotFoundException>(() => SafeTensorsCheckpoint.Open(missing));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Unknown_tensor_is_a_key_not_found_error_naming_file_and_tensor()
    {
        var file = _dir.WriteBytes("model.safetensors", U8Tensors("a"));
        using var single = SafeTensorsFile.Open(file);
        var error = Assert.Throws<KeyNotFoundException>(() => single.GetBytes("nope"));
        Assert.Contains(file, error.Message);
        Assert.Contains("'nope'", error.Message);

        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        var checkpointError = Assert.Throws<KeyNotFoundException>(() => checkpoint.GetInfo("nope"));
        Assert.Contains("'nope'", checkpointError.Message);
    }
}
