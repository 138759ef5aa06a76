namespace EvoMerge.Evaluation.External;

/// <summary>
/// Copies a base model's non-weight files (config.json, generation_config.json, tokenizer files...) next to the
/// merged weights, so tools that load a Hugging Face folder find a complete model.
/// </summary>
internal static class SidecarFiles
{
    private static readonly string[] WeightSuffixes =
    [
        ".safetensors", ".safetensors.index.json", ".bin", ".bin.index.json", ".pt", ".pth", ".ckpt",
        ".h5", ".msgpack", ".gguf", ".onnx", ".onnx_data",
    ];

    public static bool IsWeightFile(string fileName) =>
        WeightSuffixes.Any(s => fileName.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies every top-level file of <paramref name="from"/> that is not a weight file.</summary>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (!IsWeightFile(name))
            {
                File.Copy(file, Path.Combine(to, name));
            }
        }
    }
}
