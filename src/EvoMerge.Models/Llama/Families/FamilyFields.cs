using System.Text.Json;
using static EvoMerge.Models.Llama.LlamaConfigReader;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Config fields several families read the same way.</summary>
static class FamilyFields
{
    public const string SlidingAttention = "sliding_attention";
    public const string FullAttention = "full_attention";

    /// <summary>Checks <c>hidden_act</c> is silu (or absent): these families implement SwiGLU only.</summary>
    public static DecoderActivation Silu(JsonElement root)
    {
        string? activation = OptionalString(root, "hidden_act");
        if (activation is not null && activation != "silu")
            throw new ArgumentException($"config.json: hidden_act: '{activation}' is not supported; the decoder implements SwiGLU with 'silu'.");
        return DecoderActivation.Silu;
    }

    /// <summary>
    /// Gemma's <c>hidden_activation</c>: only the tanh-approximated gelu. Gemma 1 configs without it
    /// (legacy <c>hidden_act: "gelu"</c>) also run with it, as transformers does.
    /// </summary>
    public static DecoderActivation GeluTanh(JsonElement root)
    {
        string? activation = OptionalString(root, "hidden_activation");
        if (activation is not null && activation != "gelu_pytorch_tanh")
            throw new ArgumentException($"config.json: hidden_activation: '{activation}' is not supported; Gemma models use 'gelu_pytorch_tanh'.");
        return DecoderActivation.GeluTanh;
    }

    /// <summary>A number that defaults when the field is absent but may be switched off with an explicit null.</summary>
    public static double? NullableDouble(JsonElement root, string field, double? absent) =>
        root.TryGetProperty(field, out _) ? OptionalDouble(root, field) : absent;

    /// <summary>
    /// Per-layer sliding flags: the config's <c>layer_types</c> where present (newer transformers
    /// write it), otherwise <paramref name="rule"/> of the layer index.
    /// </summary>
    public static IReadOnlyList<bool> SlidingLayers(JsonElement root, int layers, Func<int, bool> rule)
    {
        if (!root.TryGetProperty("layer_types", out var types) || types.ValueKind == JsonValueKind.Null)
            return Enumerable.Range(0, Math.Max(0, layers)).Select(rule).ToArray();
        if (types.ValueKind != JsonValueKind.Array)
            throw new ArgumentException($"config.json: layer_types must be a list, got {types.GetRawText()}.");
        var flags = new List<bool>();
        foreach (var entry in types.EnumerateArray())
        {
            flags.Add(entry.ValueKind == JsonValueKind.String ? entry.GetString() switch
            {
                SlidingAttention => true,
                FullAttention => false,
                _ => throw BadLayerType(entry),
            } : throw BadLayerType(entry));
        }

        return flags;
    }

    /// <summary>Qwen2/Qwen3: with <c>use_sliding_window</c>, layers from <c>max_window_layers</c> on slide.</summary>
    public static LlamaConfig QwenWindows(JsonElement root, LlamaConfig common)
    {
        if (OptionalBool(root, "use_sliding_window") != true)
            return common with { SlidingWindow = null, SlidingLayers = null };
        int window = OptionalInt(root, "sliding_window")
            ?? throw new ArgumentException("config.json: sliding_window is missing while use_sliding_window is true.");
        int fullLayers = OptionalInt(root, "max_window_layers") ?? 28;
        return common with
        {
            SlidingWindow = window,
            SlidingLayers = SlidingLayers(root, common.NumHiddenLayers, layer => layer >= fullLayers),
        };
    }

    public static string[] LayerTypes(LlamaConfig config) =>
        Enumerable.Range(0, config.NumHiddenLayers).Select(l => config.IsSlidingLayer(l) ? SlidingAttention : FullAttention).ToArray();

    static ArgumentException BadLayerType(JsonElement entry) =>
        new($"config.json: layer_types: {entry.GetRawText()} is not '{SlidingAttention}' or '{FullAttention}'.");
}
