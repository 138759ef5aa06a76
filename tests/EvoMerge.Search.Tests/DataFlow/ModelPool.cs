using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Search.Tests.DataFlow;

/// <summary>
/// Tiny Llama models for data-flow tests, built in memory or loaded from a temporary folder; owns their
/// weights and the folder and releases both on dispose.
/// </summary>
sealed class ModelPool : IDisposable
{
    readonly List<IDisposable> _owned = [];

    public ModelPool()
    {
        Folder = Path.Combine(Path.GetTempPath(), "evomerge-dfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public static LlamaConfig Config(int layers, int hidden = 16, bool tied = false) => new()
    {
        HiddenSize = hidden,
        IntermediateSize = 24,
        NumHiddenLayers = layers,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        VocabSize = 29,
        RmsNormEps = 1e-5,
        TieWordEmbeddings = tied,
    };

    public LlamaModel Random(LlamaConfig config, ulong seed, ScalarType dtype = ScalarType.Float32)
    {
        var tensors = RandomLlamaWeights.Create(config, seed);
        _owned.AddRange(tensors.Values);
        return Keep(LlamaModel.FromTensors(config, tensors, new LlamaLoadOptions { DType = dtype }));
    }

    /// <summary>A parameter-space merge held in memory: the element-wise mean of two models' tensors.</summary>
    public LlamaModel Average(LlamaModel a, LlamaModel b)
    {
        using var held = new HeldScalars();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in a.Tensors)
        {
            var mean = tensor.add(b.Tensors[name], held[1]).div(held[2]).DetachFromDisposeScope();
            _owned.Add(mean);
            tensors[name] = mean;
        }

        return Keep(LlamaModel.FromTensors(a.Config, tensors));
    }

    public LlamaModel Load(string folder) => Keep(LlamaModel.Load(folder));

    public T Keep<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        // Models first, then the tensors they borrowed.
        for (int i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
