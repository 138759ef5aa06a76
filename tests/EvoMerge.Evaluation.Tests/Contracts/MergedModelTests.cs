using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Tests.Support;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Tests.Contracts;

public sealed class MergedModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_float_array_is_wrapped_not_copied()
    {
        var data = new float[] { 1, 2, 3, 4 };
        var tensor = MergedTensor.FromFloat32(data, 2, 2);

        data[3] = 9;

        Assert.Equal(9f, tensor.Float32Values[3]);
        Assert.Equal(SafeTensorDType.F32, tensor.DType);
        Assert.Equal(16, tensor.ByteLength);
        Assert.Equal(BitConverter.GetBytes(9f), tensor.Bytes[12..].ToArray());
    }

    [Fact]
    public void F32_bytes_read_as_floats()
    {
        var tensor = MergedTensor.FromBytes(SafeTensorDType.F32, [2], BitConverter.GetBytes(1.5f).Concat(BitConverter.GetBytes(-2f)).ToArray());

        Assert.Equal([1.5f, -2f], tensor.Float32Values.ToArray());
        Assert.Throws<InvalidOperationException>(() => TinyModel.Create().Tensors["h"].Float32Values.ToArray());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Data_must_match_the_shape(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => MergedTensor.FromFloat32(new float[length], 2, 2));

        Assert.Contains("needs 16 bytes (4 elements)", error.Message);
    }

    [Fact]
    public void Negative_dimensions_and_repeated_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MergedTensor.FromBytes(SafeTensorDType.U8, [-1], Array.Empty<byte>()));
        var t = MergedTensor.FromFloat32([1f], 1);
        var error = Assert.Throws<ArgumentException>(() => new MergedModel([new("a", t), new("a", t)]));
        Assert.Contains("'a' is given twice", error.Message);
    }

    [Fact]
    public void Writes_a_checkpoint_that_reads_back_equal()
    {
        var model = TinyModel.Create();

        model.WriteSafeTensors(_folder.Combine("out"));
        var back = MergedModel.ReadSafeTensors(_folder.Combine("out"));

        Assert.True(File.Exists(_folder.Combine("out", "model.safetensors")));
        Assert.Equal(model.Specs().Select(s => (s.Name, s.DType, string.Join(",", s.Shape))),
                     back.Specs().Select(s => (s.Name, s.DType, string.Join(",", s.Shape))));
        foreach (var (name, tensor) in model.Tensors)
        {
            Assert.Equal(tensor.Bytes.ToArray(), back.Tensors[name].Bytes.ToArray());
        }
    }

    [Fact]
    public void Large_models_are_sharded()
    {
        TinyModel.Create().WriteSafeTensors(_folder.Combine("out"), maxShardBytes: 24);

        Assert.True(File.Exists(_folder.Combine("out", CheckpointFiles.IndexFileName)));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], MergedModel.ReadSafeTensors(_folder.Combine("out")).Tensors["w"].Float32Values.ToArray());
    }

    [Fact]
    public void Does_not_write_over_an_existing_checkpoint()
    {
        TinyModel.Create().WriteSafeTensors(_folder.Path);

        Assert.Throws<IOException>(() => TinyModel.Create().WriteSafeTensors(_folder.Path));
    }

    [Fact]
    public void The_fixture_weights_read_into_float_arrays()
    {
        var a = Fixture.WeightsA();

        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], a.Tensors.Keys);
        Assert.Equal([32L, 64L], a.Tensors["fc1.weight"].Shape);
        Assert.Equal(32 * 64, a.Tensors["fc1.weight"].Float32Values.Length);
    }
}
