using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// A candidate's merged tensors, in memory, by name (in the order given). Evaluators read them in place;
/// <see cref="WriteSafeTensors"/> writes them as a checkpoint folder for tools that need files. Disposing the model
/// frees the tensors' unmanaged memory at once, so a search holds one candidate at a time, not what the GC has yet to free.
/// </summary>
public sealed class MergedModel : IDisposable
{
    private readonly OrderedDictionary<string, MergedTensor> _tensors;

    public MergedModel(IEnumerable<KeyValuePair<string, MergedTensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = new OrderedDictionary<string, MergedTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("a tensor has an empty name.", nameof(tensors));
            }

            ArgumentNullException.ThrowIfNull(tensor, $"tensors['{name}']");
            if (!_tensors.TryAdd(name, tensor))
            {
                throw new ArgumentException($"tensor '{name}' is given twice.", nameof(tensors));
            }
        }
    }

    public IReadOnlyDictionary<string, MergedTensor> Tensors => _tensors;

    /// <summary>Frees every tensor's own memory; the model must not be read afterwards.</summary>
    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
        {
            tensor.Dispose();
        }
    }

    /// <summary>Name, dtype and shape of every tensor, in order.</summary>
    public IReadOnlyList<TensorSpec> Specs() => _tensors.Select(t => t.Value.ToSpec(t.Key)).ToList();

    /// <summary>Copies every tensor of a safetensors file or checkpoint folder into memory (F32 as float arrays).</summary>
    public static MergedModel ReadSafeTensors(string fileOrFolder) => MergedModelFiles.Read(fileOrFolder);

    /// <summary>
    /// Writes the tensors as a safetensors checkpoint into <paramref name="folder"/> (created; it must not already
    /// hold a checkpoint), sharded above <paramref name="maxShardBytes"/>; nothing is left behind on failure.
    /// </summary>
    public void WriteSafeTensors(string folder, long maxShardBytes = CheckpointFiles.DefaultShardSize,
                                 IReadOnlyDictionary<string, string>? metadata = null) =>
        MergedModelFiles.Write(this, folder, maxShardBytes, metadata);
}
