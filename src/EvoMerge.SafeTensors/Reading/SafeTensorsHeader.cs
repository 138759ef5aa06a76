using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Reading;

/// <summary>
/// The validated header of one .safetensors file. <paramref name="Tensors"/> is ordered by data offset;
/// <paramref name="DataStart"/> is the file offset of the data buffer (8 + header length).
/// </summary>
public sealed record SafeTensorsHeader(
    string Path,
    IReadOnlyDictionary<string, TensorInfo> Tensors,
    IReadOnlyDictionary<string, string> Metadata,
    long DataStart);
