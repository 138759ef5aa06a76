using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Evaluation.Contracts;

/// <summary>Safetensors reading and writing for <see cref="MergedModel"/>.</summary>
internal static unsafe class MergedModelFiles
{
    public static MergedModel Read(string fileOrFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrFolder);
        using var checkpoint = SafeTensorsCheckpoint.Open(fileOrFolder);
        var tensors = new List<KeyValuePair<string, MergedTensor>>();
        try
        {
            foreach (var name in checkpoint.TensorNames)
            {
                var info = checkpoint.GetInfo(name);
                // Unmanaged, so tensors over 2 GiB load too and the memory goes back when the model is disposed.
                var tensor = MergedTensor.Allocate(info.DType, info.Shape.ToArray());
                tensors.Add(new(name, tensor));
                using var target = tensor.Pin();
                Buffer.MemoryCopy(checkpoint.GetPointer(name), target.Pointer, info.ByteLength, info.ByteLength);
            }

            return new MergedModel(tensors);
        }
        catch
        {
            tensors.ForEach(t => t.Value.Dispose());
            throw;
        }
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
