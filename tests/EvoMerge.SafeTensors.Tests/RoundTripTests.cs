using System.Buffers.Binary;
using System.Text.Json;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.SafeTensors.Tests;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Single_file_round_trip_keeps_every_dtype_shape_and_byte()
    {
        var specs = TestTensors.EveryKind();
        var metadata = new Dictionary<string, string> { ["source"] = "evomerge", ["note"] = "ünïcode & <html>" };
        using (var writer = CheckpointWriter.Create(_dir.Path, specs, CheckpointFiles.DefaultShardSize, metadata))
        {
            Assert.Equal([CheckpointFiles.SingleFileName], writer.ShardFileNames);
            Assert.Null(writer.IndexFileName);
            TestTensors.WriteAll(writer, specs.Reverse());
            writer.Commit();
        }

        Assert.Equal([CheckpointFiles.SingleFileName], _dir.FileNames());
        using var file = SafeTensorsFile.Open(_dir.Combine(CheckpointFiles.SingleFileName));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("evomerge", file.Metadata["source"]);
        Assert.Equal("ünïcode & <html>", file.Metadata["note"]);
        Assert.Equal(specs.Count, file.Tensors.Count);
        foreach (var spec in specs)
        {
            var info = file.Tensors[spec.Name];
            Assert.Equal(spec.DType, info.DType);
            Assert.Equal(spec.Shape, info.Shape);
            Assert.Equal(spec.ByteLength, info.ByteLength);
            Assert.Equal(TestTensors.Pattern(spec), file.GetBytes(spec.Name).ToArray());
        }

        Assert.Equal(1, file.Tensors["scalar"].ElementCount);
        Assert.Equal(0, file.Tensors["empty"].ElementCount);
        Assert.Equal(0, file.Tensors["empty"].ByteLength);
    }

    [Fact]
    public void Header_puts_metadata_first_keeps_tensor_order_and_aligns_data()
    {
        var specs = TestTensors.EveryKind();
        WriteAll(specs, CheckpointFiles.DefaultShardSize);

        var bytes = File.ReadAllBytes(_dir.Combine(CheckpointFiles.SingleFileName));
        var headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        using var json = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["__metadata__", .. specs.Select(s => s.Name)], keys);

        // Every tensor starts at a multiple of its element size: zero-copy views are aligned.
        var header = SafeTensorsFile.ReadHeader(_dir.Combine(CheckpointFiles.SingleFileName));
        Assert.Equal(8 + headerLength, header.DataStart);
        foreach (var info in header.Tensors.Values)
        {
            Assert.Equal(0, (header.DataStart + info.DataBegin) % SafeTensorDTypes.SizeOf(info.DType));
        }
    }

    [Fact]
    public void Sharded_round_trip_uses_hugging_face_names_and_a_complete_index()
    {
        // 6 tensors of 400 bytes, at most 1000 bytes a shard: 2 + 2 + 2.
        var specs = Enumerable.Range(0, 6).Select(i => new TensorSpec($"layer.{i}.weight", SafeTensorDType.F32, [10, 10])).ToList();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["merge"] = "linear" };
        using (var writer = CheckpointWriter.Create(_dir.Path, specs, 1000, metadata))
        {
            Assert.Equal(["model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors"],
                writer.ShardFileNames);
            // Out of order, jumping between shards.
            TestTensors.WriteAll(writer, new[] { 4, 0, 5, 2, 1, 3 }.Select(i => specs[i]));
            writer.Commit();
        }

        Assert.Equal(
            ["model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors", "model.safetensors.index.json"],
            _dir.FileNames());

        using (var index = JsonDocument.Parse(File.ReadAllBytes(_dir.Combine(CheckpointFiles.IndexFileName))))
        {
            Assert.Equal(2400, index.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
            var weightMap = index.RootElement.GetProperty("weight_map").EnumerateObject().ToList();
            Assert.Equal(specs.Select(s => s.Name), weightMap.Select(p => p.Name));
            Assert.Equal(
                ["model-00001-of-00003.safetensors", "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                 "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors", "model-00003-of-00003.safetensors"],
                weightMap.Select(p => p.Value.GetString()));
        }

        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.Equal(specs.Select(s => s.Name), checkpoint.TensorNames);
        Assert.Equal("linear", checkpoint.Metadata["merge"]);
        Assert.Equal("pt", checkpoint.Metadata["format"]);
        foreach (var spec in specs)
        {
            Assert.Equal(TestTensors.Pattern(spec), checkpoint.GetBytes(spec.Name).ToArray());
        }

        Assert.Equal(_dir.Combine("model-00002-of-00003.safetensors"), checkpoint.FileOf("layer.3.weight"));
    }

    [Fact]
    public void Tensor_larger_than_the_shard_size_gets_its_own_shard()
    {
        var specs = new List<TensorSpec>
        {
            new("small.a", SafeTensorDType.U8, [10]),
            new("big", SafeTensorDType.U8, [100]),
            new("small.b", SafeTensorDType.U8, [10]),
            new("small.c", SafeTensorDType.U8, [10]),
        };
        var writer = WriteAll(specs, 50);
        Assert.Equal(3, writer.ShardFileNames.Count);

        var header = SafeTensorsCheckpoint.ReadHeaders(_dir.Path);
        Assert.Equal(_dir.Combine("model-00001-of-00003.safetensors"), header.FileOfTensor["small.a"]);
        Assert.Equal(_dir.Combine("model-00002-of-00003.safetensors"), header.FileOfTensor["big"]);
        Assert.Equal(_dir.Combine("model-00003-of-00003.safetensors"), header.FileOfTensor["small.b"]);
        Assert.Equal(_dir.Combine("model-00003-of-00003.safetensors"), header.FileOfTensor["small.c"]);
    }

    [Fact]
    public void Shard_exactly_at_the_limit_is_not_split()
    {
        var specs = new List<TensorSpec> { new("a", SafeTensorDType.U8, [25]), new("b", SafeTensorDType.U8, [25]) };
        Assert.Single(WriteAll(specs, 50).ShardFileNames);
    }

    [Fact]
    public void Checkpoint_without_tensors_round_trips()
    {
        WriteAll([], 100);
        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.Empty(checkpoint.TensorNames);
    }

    [Fact]
    public unsafe void Pointer_write_and_pointer_read_match()
    {
        var spec = new TensorSpec("p", SafeTensorDType.I16, [4, 3]);
        var data = TestTensors.Pattern(spec);
        using (var writer = CheckpointWriter.Create(_dir.Path, [spec], 1000))
        {
            fixed (byte* source = data)
            {
                writer.Write(spec.Name, source, data.Length);
            }

            writer.Commit();
        }

        using var file = SafeTensorsFile.Open(_dir.Combine(CheckpointFiles.SingleFileName));
        var pointer = file.GetPointer("p");
        Assert.Equal(data, new ReadOnlySpan<byte>(pointer, data.Length).ToArray());
        Assert.Equal(0, (long)pointer % 2);
    }

    private CheckpointWriter WriteAll(IReadOnlyList<TensorSpec> specs, long maxShardBytes)
    {
        using var writer = CheckpointWriter.Create(_dir.Path, specs, maxShardBytes);
        TestTensors.WriteAll(writer, specs);
        writer.Commit();
        return writer;
    }
}
