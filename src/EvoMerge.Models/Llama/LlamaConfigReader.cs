using System.Text.Json;
using EvoMerge.Models.Llama.Families;

namespace EvoMerge.Models.Llama;

/// <summary>Reads a Hugging Face <c>config.json</c> of any family in <see cref="DecoderFamilies"/> into a validated <see cref="LlamaConfig"/>.</summary>
public static class LlamaConfigReader
{
    public const string FileName = "config.json";

    public static LlamaConfig ReadFolder(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        string path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{modelFolder}: no {FileName} in the model folder.", path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{path}: {e.Message}", e);
        }
    }

    public static LlamaConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseDocument(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("config.json: the top level must be a JSON object.");
        var family = DecoderFamilies.ByModelType(OptionalString(root, "model_type"));
        int heads = RequiredInt(root, "num_attention_heads");
        var common = new LlamaConfig
        {
            ModelType = family.Type,
            HiddenSize = RequiredInt(root, "hidden_size"),
            IntermediateSize = RequiredInt(root, "intermediate_size"),
            NumHiddenLayers = RequiredInt(root, "num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = OptionalInt(root, "num_key_value_heads") ?? heads,
            ExplicitHeadDim = OptionalInt(root, "head_dim"),
            VocabSize = RequiredInt(root, "vocab_size"),
            RmsNormEps = OptionalDouble(root, "rms_norm_eps") ?? 1e-6,
            RopeTheta = OptionalDouble(root, "rope_theta") ?? 10000.0,
            RopeScaling = RopeScalingReader.Read(root),
            TieWordEmbeddings = OptionalBool(root, "tie_word_embeddings") ?? false,
            AttentionBias = OptionalBool(root, "attention_bias") ?? false,
            MlpBias = OptionalBool(root, "mlp_bias") ?? false,
            MaxPositionEmbeddings = OptionalInt(root, "max_position_embeddings") ?? 2048,
        };
        var config = family.Read(root, common);
        config.Validate();
        return config;
    }

    static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"config.json is not valid JSON: {e.Message}", e);
        }
    }

    internal static int RequiredInt(JsonElement obj, string field) =>
        OptionalInt(obj, field) ?? throw new ArgumentException($"config.json: {field} is missing.");

    internal static int? OptionalInt(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int result))
            throw new ArgumentException($"config.json: {field} must be an integer, got {value.GetRawText()}.");
        return result;
    }

    internal static double? OptionalDouble(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number)
            throw new ArgumentException($"config.json: {field} must be a number, got {value.GetRawText()}.");
        return value.GetDouble();
    }

    internal static bool? OptionalBool(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ArgumentException($"config.json: {field} must be true or false, got {value.GetRawText()}."),
        };
    }

    internal static string? OptionalString(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw new ArgumentException($"config.json: {field} must be a string, got {value.GetRawText()}.");
        return value.GetString();
    }
}
