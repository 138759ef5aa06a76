using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

public sealed class PickleRefusalTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("pytorch_model.bin")]
    [InlineData("weights.pt")]
    [InlineData("weights.pth")]
    public void Pickle_file_is_refused_with_the_reason_and_a_conversion_hint(string name)
    {
        var file = _dir.WriteBytes(name, [0x80, 0x02, .. "}q\0."u8]);
        foreach (var open in new Action[]
                 {
                     () => SafeTensorsCheckpoint.Open(file).Dispose(),
                     () => SafeTensorsCheckpoint.ReadHeaders(file),
                     () => SafeTensorsFile.Open(file).Dispose(),
                     () => SafeTensorsFile.ReadHeader(file),
                 })
        {
            var error = Assert.Throws<PickleCheckpointException>(open);
            Assert.Equal(file, error.FilePath);
            Assert.Contains(file, error.Message);
            Assert.Contains("arbitrary code", error.Message);
            Assert.Contains("save_file(torch.load(p, weights_only=True), \"model.safetensors\")", error.Message);
        }
    }

    [Fact]
    public void Folder_holding_only_a_pickle_checkpoint_is_refused()
    {
        _dir.WriteBytes("pytorch_model.bin", [0x80, 0x02]);
        _dir.WriteBytes("config.json", "{}"u8.ToArray());
        var error = Assert.Throws<PickleCheckpointException>(() => SafeTensorsCheckpoint.ReadHeaders(_dir.Path));
        Assert.Equal(_dir.Path, error.FilePath);
        Assert.Contains("pytorch_model.bin", error.Message);
        Assert.Throws<PickleCheckpointException>(() => SafeTensorsCheckpoint.Open(_dir.Path).Dispose());
    }

    [Fact]
    public void Folder_with_safetensors_beside_a_pickle_reads_the_safetensors()
    {
        _dir.WriteBytes("pytorch_model.bin", [0x80, 0x02]);
        _dir.WriteBytes("model.safetensors", RawSafeTensors.SingleF32(2));
        using var checkpoint = SafeTensorsCheckpoint.Open(_dir.Path);
        Assert.Equal(["t"], checkpoint.TensorNames);
    }

    [Fact]
    public void Torch_zip_archive_named_safetensors_is_refused_as_pickle()
    {
        byte[] zipHead = [.. "PK\u0003\u0004"u8, .. new byte[60]];
        var file = _dir.WriteBytes("model.safetensors", zipHead);
        var error = Assert.Throws<PickleCheckpointException>(() => SafeTensorsFile.ReadHeader(file));
        Assert.Contains("arbitrary code", error.Message);
    }
}
