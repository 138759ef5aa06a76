namespace EvoMerge.SafeTensors.Errors;

/// <summary>
/// A checkpoint in PyTorch's pickle format (pytorch_model.bin, *.pt, *.pth). Unpickling can run arbitrary
/// code, so EvoMerge refuses such files rather than reading them.
/// </summary>
public sealed class PickleCheckpointException : Exception
{
    public const string ConversionHint =
        "Convert it to safetensors once, in a Python environment you trust: " +
        "`import torch; from safetensors.torch import save_file; " +
        "save_file(torch.load(p, weights_only=True), \"model.safetensors\")` " +
        "(or load the model with transformers and call `save_pretrained(out, safe_serialization=True)`).";

    public PickleCheckpointException(string filePath, string why)
        : base($"{filePath}: pickle checkpoint refused: {why}. Loading a pickle checkpoint (torch.load) can execute " +
               $"arbitrary code hidden in the file, so EvoMerge reads only safetensors. {ConversionHint}")
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
    }

    public string FilePath { get; }
}
