using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>Serializes model.safetensors.index.json as Hugging Face writes it: total data size and tensor-to-shard map.</summary>
internal static class IndexWriter
{
    public static byte[] Build(IReadOnlyList<ShardPlan> shards)
    {
        var json = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(json, options))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("metadata");
            writer.WriteNumber("total_size", shards.Sum(s => s.DataBytes));
            writer.WriteEndObject();
            writer.WriteStartObject("weight_map");
            foreach (var shard in shards)
            {
                foreach (var tensor in shard.Tensors)
                {
                    writer.WriteString(tensor.Spec.Name, shard.FileName);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return [.. json.WrittenSpan, (byte)'\n'];
    }
}
