using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Collects the tensors a config calls for, checking names and shapes, converted to the requested
/// dtype and device. Tensors this creates are added to <c>owned</c>; the caller disposes those.
/// </summary>
static class LlamaWeightLoader
{
    // Older checkpoints store rotary tables as buffers; they are recomputed from the config.
    static bool IsIgnorable(string name) => name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal);

    public static Dictionary<string, Tensor> FromCheckpoint(SafeTensorsCheckpoint checkpoint, LlamaConfig config, LlamaLoadOptions options, List<Tensor> owned)
    {
        var expected = LlamaTensorNames.Expected(config);
        CheckNames(checkpoint.TensorNames, expected, config, checkpoint.Location);
        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            var info = checkpoint.GetInfo(name);
            CheckShape(name, shape, info.Shape, checkpoint.Location);
            var raw = CheckpointTensorCopy.Read(checkpoint, name, options.CopyPieceBytes);
            loaded[name] = Converted(raw, options, owned, disposeSource: true);
        }

        return loaded;
    }

    /// <summary>
    /// Uses the given tensors directly where they already have the requested dtype and device (borrowed:
    /// not added to <c>owned</c>), and converted copies (owned) otherwise.
    /// </summary>
    public static Dictionary<string, Tensor> FromTensors(IReadOnlyDictionary<string, Tensor> tensors, LlamaConfig config, LlamaLoadOptions options, List<Tensor> owned)
    {
        var expected = LlamaTensorNames.Expected(config);
        CheckNames(tensors.Keys, expected, config, "tensor dictionary");
        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, shape) in expected)
        {
            var tensor = tensors[name] ?? throw new ArgumentException($"tensor dictionary: '{name}' is null.");
            CheckShape(name, shape, tensor.shape, "tensor dictionary");
            CheckDType(name, tensor.dtype);
            loaded[name] = Converted(tensor, options, owned, disposeSource: false);
        }

        return loaded;
    }

    static Tensor Converted(Tensor source, LlamaLoadOptions options, List<Tensor> owned, bool disposeSource)
    {
        var device = options.ResolvedDevice;
        if (source.dtype == options.DType && source.device_type == device.type && (device.index < 0 || source.device_index == device.index))
        {
            if (disposeSource)
                owned.Add(source);
            return source;
        }

        var converted = source.to(options.DType, device).DetachFromDisposeScope();
        owned.Add(converted);
        if (disposeSource)
            source.Dispose();
        return converted;
    }

    static void CheckNames(IEnumerable<string> present, IReadOnlyList<(string Name, long[] Shape)> expected, LlamaConfig config, string location)
    {
        var presentSet = new HashSet<string>(present, StringComparer.Ordinal);
        var missing = expected.Select(e => e.Name).Where(n => !presentSet.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"{location}: {missing.Count} tensor(s) the config calls for are missing, e.g. {string.Join(", ", missing.Take(5).Select(n => $"'{n}'"))}.");
        var expectedSet = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        if (config.TieWordEmbeddings)
            expectedSet.Add(LlamaTensorNames.LmHead); // some tied checkpoints store a copy; the embedding is used
        var unexpected = presentSet.Where(n => !expectedSet.Contains(n) && !IsIgnorable(n)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException(
                $"{location}: {unexpected.Count} tensor(s) the config does not call for, e.g. {string.Join(", ", unexpected.Take(5).Select(n => $"'{n}'"))} " +
                "(check num_hidden_layers, attention_bias, mlp_bias and model_type).");
    }

    static void CheckShape(string name, long[] expected, long[] actual, string location)
    {
        if (!expected.SequenceEqual(actual))
            throw new ArgumentException(
                $"{location}: tensor '{name}' has shape [{string.Join(", ", actual)}], the config calls for [{string.Join(", ", expected)}].");
    }

    static void CheckDType(string name, ScalarType dtype)
    {
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16 or ScalarType.Float64))
            throw new ArgumentException($"tensor dictionary: tensor '{name}' is {dtype}; model weights must be floating point.");
    }
}
