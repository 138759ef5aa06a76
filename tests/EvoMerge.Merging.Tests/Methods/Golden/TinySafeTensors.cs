using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Golden;

/// <summary>
/// Just enough of a safetensors reader for the golden files (float32 only): 8-byte little-endian
/// header length, JSON header, then the data buffer. The real reader lives in EvoMerge.SafeTensors.
/// </summary>
internal static class TinySafeTensors
{
    public static Dictionary<string, Tensor> ReadFloat32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        long dataStart = 8 + headerLength;
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__") continue;
            var dtype = entry.Value.GetProperty("dtype").GetString();
            if (dtype != "F32") throw new InvalidDataException($"{path}: {entry.Name} is {dtype}; only F32 is supported here");
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var values = new float[(offsets[1] - offsets[0]) / sizeof(float)];
            Buffer.BlockCopy(bytes, (int)(dataStart + offsets[0]), values, 0, values.Length * sizeof(float));
            tensors[entry.Name] = tensor(values, shape);
        }
        return tensors;
    }
}
