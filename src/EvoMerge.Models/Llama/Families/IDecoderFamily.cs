using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>
/// One model family of the decoder: how its config.json maps onto <see cref="LlamaConfig"/> and back.
/// The numerics themselves live in the shared decoder, switched by the config's flags.
/// </summary>
public interface IDecoderFamily
{
    LlamaModelType Type { get; }

    /// <summary>The config's <c>model_type</c>.</summary>
    string ModelType { get; }

    /// <summary>The class Hugging Face names in <c>architectures</c>.</summary>
    string Architecture { get; }

    /// <summary>Adds the family's own fields (and its defaults) to the fields every family shares.</summary>
    LlamaConfig Read(JsonElement root, LlamaConfig common);

    /// <summary>Writes the family's own fields into a config.json being built.</summary>
    void Write(LlamaConfig config, JsonObject json);
}
