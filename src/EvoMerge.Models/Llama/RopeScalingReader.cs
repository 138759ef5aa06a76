using System.Text.Json;

namespace EvoMerge.Models.Llama;

/// <summary>Reads the config's <c>rope_scaling</c> object (newer configs name the kind <c>rope_type</c>, older ones <c>type</c>).</summary>
static class RopeScalingReader
{
    const string Supported = "supported: linear, llama3 (or default / no rope_scaling)";

    public static RopeScaling? Read(JsonElement root)
    {
        if (!root.TryGetProperty("rope_scaling", out var scaling) || scaling.ValueKind == JsonValueKind.Null)
            return null;
        if (scaling.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"config.json: rope_scaling must be an object or null, got {scaling.GetRawText()}.");
        string? kind = LlamaConfigReader.OptionalString(scaling, "rope_type") ?? LlamaConfigReader.OptionalString(scaling, "type");
        switch (kind)
        {
            case null:
                throw new ArgumentException($"config.json: rope_scaling.rope_type is missing; {Supported}.");
            case "default":
                return null;
            case "linear":
                return new RopeScaling(RopeScalingKind.Linear, Factor(scaling));
            case "llama3":
                return new RopeScaling(
                    RopeScalingKind.Llama3,
                    Factor(scaling),
                    LlamaConfigReader.OptionalDouble(scaling, "low_freq_factor")
                        ?? throw Missing("low_freq_factor"),
                    LlamaConfigReader.OptionalDouble(scaling, "high_freq_factor")
                        ?? throw Missing("high_freq_factor"),
                    LlamaConfigReader.OptionalInt(scaling, "original_max_position_embeddings")
                        ?? throw Missing("original_max_position_embeddings"));
            default:
                throw new ArgumentException($"config.json: rope_scaling.rope_type: '{kind}' is not supported; {Supported}.");
        }
    }

    static double Factor(JsonElement scaling) =>
        LlamaConfigReader.OptionalDouble(scaling, "factor") ?? throw Missing("factor");

    static ArgumentException Missing(string field) => new($"config.json: rope_scaling.{field} is missing.");
}
