using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Writes Qwen's window fields: use_sliding_window, sliding_window, max_window_layers and layer_types.</summary>
static class QwenWindowsJson
{
    public static void Write(LlamaConfig config, JsonObject json)
    {
        json["use_sliding_window"] = config.SlidingWindow is not null;
        json["sliding_window"] = config.SlidingWindow;
        if (config.SlidingWindow is null)
            return;
        // max_window_layers describes only a "full, then sliding" split; layer_types says it exactly.
        int firstSliding = Enumerable.Range(0, config.NumHiddenLayers).FirstOrDefault(config.IsSlidingLayer, config.NumHiddenLayers);
        json["max_window_layers"] = firstSliding;
        json["layer_types"] = new JsonArray(FamilyFields.LayerTypes(config).Select(t => (JsonNode)t).ToArray());
    }
}
