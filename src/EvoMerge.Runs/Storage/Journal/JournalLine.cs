using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// One journal line: <c>{"seq":N,"type":"T","data":{...},"sha":"XXXXXXXXXXXXXXXX"}</c> + '\n'. The
/// checksum is the first 16 lowercase hex digits of the SHA-256 of the same line without its "sha"
/// member, i.e. of the bytes before <c>,"sha":"</c> followed by <c>}</c>. Because the member has a
/// fixed length at the very end, the check needs no re-serialization and every line stays plain
/// JSON (readable by jq).
/// </summary>
internal static class JournalLine
{
    private const int SumHexDigits = 16;
    private static readonly byte[] SumMember = ",\"sha\":\""u8.ToArray();
    private static readonly byte[] Closing = "\"}"u8.ToArray();
    private static readonly int SuffixLength = SumMember.Length + SumHexDigits + Closing.Length;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Readable reasons in the file; control characters (newlines included) are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Encode(long sequence, JournalEvent journalEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", sequence);
            writer.WriteString("type", journalEvent.Type);
            writer.WritePropertyName("data");
            journalEvent.WriteData(writer);
            writer.WriteEndObject();
        }

        var payload = buffer.WrittenSpan;
        var line = new byte[payload.Length - 1 + SuffixLength + 1];
        payload[..^1].CopyTo(line);
        int at = payload.Length - 1;
        SumMember.CopyTo(line, at);
        Encoding.ASCII.GetBytes(Checksum(payload), line.AsSpan(at + SumMember.Length));
        Closing.CopyTo(line, at + SumMember.Length + SumHexDigits);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>
    /// Decodes a line without its newline. Throws <see cref="DamagedLineException"/> when the bytes do
    /// not match their checksum (what a crash or a disk error leaves), and
    /// <see cref="JournalFormatException"/> when they match but do not form a valid event.
    /// </summary>
    public static DecodedLine Decode(ReadOnlySpan<byte> line, JournalEventCodec codec)
    {
        if (line.Length < SuffixLength + 2)
        {
            throw new DamagedLineException($"the line is too short ({line.Length} bytes) to hold an event and its checksum");
        }

        var suffix = line[^SuffixLength..];
        var storedSum = suffix.Slice(SumMember.Length, SumHexDigits);
        if (!suffix.StartsWith(SumMember) || !suffix.EndsWith(Closing) || !IsLowerHex(storedSum))
        {
            throw new DamagedLineException("the line does not end with its \"sha\" checksum member");
        }

        var payload = new byte[line.Length - SuffixLength + 1];
        line[..^SuffixLength].CopyTo(payload);
        payload[^1] = (byte)'}';
        string actualSum = Checksum(payload);
        string expectedSum = Encoding.ASCII.GetString(storedSum);
        if (actualSum != expectedSum)
        {
            throw new DamagedLineException($"checksum mismatch (the line says {expectedSum}, its content gives {actualSum})");
        }

        return Parse(payload, codec);
    }

    private static DecodedLine Parse(byte[] payload, JournalEventCodec codec)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw new JournalFormatException($"the checksum matches but the content is not JSON ({ex.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 3)
            {
                throw new JournalFormatException("a line must be an object with exactly \"seq\", \"type\" and \"data\"");
            }

            long sequence = JsonFields.Int64(root, "seq");
            string type = JsonFields.String(root, "type");
            return new DecodedLine(sequence, codec.Read(type, JsonFields.Required(root, "data")));
        }
    }

    private static string Checksum(ReadOnlySpan<byte> payload) =>
        Convert.ToHexStringLower(SHA256.HashData(payload))[..SumHexDigits];

    private static bool IsLowerHex(ReadOnlySpan<byte> digits)
    {
        foreach (byte b in digits)
        {
            if (!char.IsAsciiHexDigitLower((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
