using EvoMerge.SafeTensors;

namespace EvoMerge.Evaluation;

/// <summary>Safetensors reading and writing for <see cref="MergedModel"/>.</summary>
internal static unsafe class MergedModelFiles
{
    public static MergedModel Read(string fileOrFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrFolder);
        using var checkpoint = SafeTensorsCheckpoint.Open(fileOrFolder);
        var tensors = new List<KeyValuePair<string, MergedTensor>>();
        foreach (var name in checkpoint.TensorNames)
        {
            var info = checkpoint.GetInfo(name);
            var source = checkpoint.GetPointer(name);
            MergedTensor tensor;
            if (info.DType == SafeTensorDType.F32)
            {
                var values = new float[info.ElementCount];
                fixed (float* target = values)
                {
                    Buffer.MemoryCopy(source, target, info.ByteLength, info.ByteLength);
                }

                tensor = MergedTensor.FromFloat32(values, info.Shape);
            }
            else
            {
                var bytes = new byte[info.ByteLength];
                fixed (byte* target = bytes)
                {
                    Buffer.MemoryCopy(source, target, info.ByteLength, info.ByteLength);
                }

                tensor = MergedTensor.FromBytes(info.DType, info.Shape, bytes);
            }

            tensors.Add(new(name, tensor));
        }

        return new MergedModel(tensors);
    }

    public static void Write(MergedModel model, string folder, long maxShardBytes, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        using var writer = CheckpointWriter.Create(folder, model.Specs(), maxShardBytes, metadata);
        foreach (var (name, tensor) in model.Tensors)
        {
            using var pinned = tensor.Pin();
            writer.Write(name, (byte*)pinned.Pointer, tensor.ByteLength);
        }

        writer.Commit();
    }
}
