using System.Text.RegularExpressions;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// How a checkpoint's tensors split into repeated layers ("model.layers.7.mlp.up_proj.weight") and
/// the tensors before (embeddings) and after (final norm, head) them. Architecture-agnostic: the
/// layer prefix is the dotted path ending in layers/h/blocks/layer/block followed by an index.
/// </summary>
public sealed partial class TensorLayout
{
    public string? LayerPrefix { get; private init; }
    public int LayerCount { get; private init; }
    /// <summary>Tensor name suffixes of one layer, in checkpoint order ("self_attn.q_proj.weight", ...).</summary>
    public IReadOnlyList<string> LayerSuffixes { get; private init; } = [];
    /// <summary>Non-layer tensors planned before the layers (embeddings), in checkpoint order.</summary>
    public IReadOnlyList<string> PreTensors { get; private init; } = [];
    /// <summary>Non-layer tensors planned after the layers (final norm, head), in checkpoint order.</summary>
    public IReadOnlyList<string> PostTensors { get; private init; } = [];
    /// <summary>Set when the layers are irregular (missing indices, differing tensor sets).</summary>
    public string? Problem { get; private init; }

    public string LayerTensorName(int layer, string suffix) => $"{LayerPrefix}.{layer}.{suffix}";

    [GeneratedRegex(@"^(?<prefix>(?:[^.]+\.)*?(?:layers|h|blocks|layer|block))\.(?<index>\d+)\.(?<suffix>.+)$")]
    private static partial Regex LayerName();

    public static bool IsEmbeddingLike(string name) =>
        name.Contains("embed", StringComparison.OrdinalIgnoreCase) || name.Contains("wte") || name.Contains("wpe")
        || name.Contains("lm_head");

    public static TensorLayout Analyze(IReadOnlyList<string> tensorNames)
    {
        var layers = new SortedDictionary<int, List<string>>();
        var prefixes = new Dictionary<string, int>();
        var nonLayer = new List<string>();
        foreach (var name in tensorNames)
        {
            var m = LayerName().Match(name);
            if (!m.Success) { nonLayer.Add(name); continue; }
            string prefix = m.Groups["prefix"].Value;
            prefixes[prefix] = prefixes.GetValueOrDefault(prefix) + 1;
        }
        string? layerPrefix = prefixes.Count == 0 ? null : prefixes.MaxBy(p => p.Value).Key;
        foreach (var name in tensorNames)
        {
            var m = LayerName().Match(name);
            if (m.Success && m.Groups["prefix"].Value == layerPrefix)
            {
                int index = int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (!layers.TryGetValue(index, out var suffixes)) layers[index] = suffixes = [];
                suffixes.Add(m.Groups["suffix"].Value);
            }
            else if (m.Success) nonLayer.Add(name);
        }

        string? problem = null;
        int count = layers.Count;
        if (count > 0 && (layers.Keys.First() != 0 || layers.Keys.Last() != count - 1))
            problem = $"layer indices of '{layerPrefix}' are not contiguous from 0 (found {string.Join(", ", layers.Keys.Take(8))}...).";
        var template = count > 0 ? layers.Values.First() : [];
        if (problem == null)
            foreach (var (index, suffixes) in layers)
                if (!suffixes.ToHashSet().SetEquals(template))
                {
                    var diff = suffixes.Except(template).Concat(template.Except(suffixes)).First();
                    problem = $"layer {index} of '{layerPrefix}' does not hold the same tensors as layer 0 (e.g. '{diff}').";
                    break;
                }

        // Embeddings go before the layers, everything else after (final norm, head).
        var pre = nonLayer.Where(n => IsEmbeddingLike(n) && !n.Contains("lm_head")).ToList();
        var post = nonLayer.Where(n => !pre.Contains(n)).ToList();
        if (count == 0) { pre = nonLayer; post = []; }
        return new TensorLayout
        {
            LayerPrefix = layerPrefix, LayerCount = count, LayerSuffixes = template,
            PreTensors = pre, PostTensors = post, Problem = problem,
        };
    }
}
