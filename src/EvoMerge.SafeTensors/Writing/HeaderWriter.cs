using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>Serializes a shard's header: 8-byte length, JSON padded with spaces so the data starts 8-byte aligned.</summary>
internal static class HeaderWriter
{
    private const int Alignment = 8;

    public static byte[] Build(ShardPlan shard, IReadOnlyDictionary<string, string> metadata)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(HeaderParser.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            foreach (var tensor in shard.Tensors)
            {
                WriteEntry(writer, tensor);
            }

            writer.WriteEndObject();
        }

        var headerLength = (json.WrittenCount + Alignment - 1) / Alignment * Alignment;
        var bytes = new byte[8 + headerLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        json.WrittenSpan.CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + json.WrittenCount).Fill((byte)' ');
        return bytes;
    }

    private static void WriteEntry(Utf8JsonWriter writer, PlacedTensor tensor)
    {
        writer.WriteStartObject(tensor.Spec.Name);
        writer.WriteString("dtype", SafeTensorDTypes.ToHeaderName(tensor.Spec.DType));
        writer.WriteStartArray("shape");
        foreach (var dim in tensor.Spec.Shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("data_offsets");
        writer.WriteNumberValue(tensor.DataBegin);
        writer.WriteNumberValue(tensor.DataEnd);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
