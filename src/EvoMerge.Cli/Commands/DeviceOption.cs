using System.CommandLine;
using TorchSharp;

namespace EvoMerge.Cli.Commands;

/// <summary>`--device cpu|cuda`: CUDA needs the CUDA build of TorchSharp (see README).</summary>
public static class DeviceOption
{
    public static Option<string> Create() => new("--device")
    {
        Description = "Where tensors are merged: cpu, or cuda (needs a CUDA build of EvoMerge, see README).",
        DefaultValueFactory = _ => "cpu",
    };

    public static torch.Device Resolve(string name) => name.ToLowerInvariant() switch
    {
        "cpu" => torch.CPU,
        "cuda" when torch.cuda.is_available() => torch.CUDA,
        "cuda" => throw new ArgumentException("--device cuda: no CUDA device is available to TorchSharp. This build uses the CPU libtorch; rebuild with -p:EvoMergeTorchBackend=cuda on a machine with the CUDA package (see README)."),
        _ => throw new ArgumentException($"--device: '{name}' is not a device; use cpu or cuda."),
    };
}
