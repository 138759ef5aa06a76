using System.Text.Json;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// The optimizer handed out a generation's candidates. Written before any of them is evaluated, so a
/// resumed run knows which trials exist and which still lack an outcome.
/// </summary>
public sealed record BatchAsked : JournalEvent
{
    public const string TypeName = "batch_asked";

    public BatchAsked(int generation, IReadOnlyList<Candidate> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException($"Generation {generation}: a batch needs at least one candidate.", nameof(candidates));
        }

        var seen = new HashSet<long>();
        foreach (var candidate in candidates)
        {
            ArgumentNullException.ThrowIfNull(candidate);
            ArgumentNullException.ThrowIfNull(candidate.Genes);
            if (candidate.Id < 0)
            {
                throw new ArgumentException($"Generation {generation}: candidate id {candidate.Id} is negative.", nameof(candidates));
            }

            if (!seen.Add(candidate.Id))
            {
                throw new ArgumentException($"Generation {generation}: candidate id {candidate.Id} appears twice.", nameof(candidates));
            }
        }

        Generation = generation;
        Candidates = candidates.Select(c => new Candidate(c.Id, (double[])c.Genes.Clone(), CopyMetadata(generation, c))).ToList().AsReadOnly();
    }

    public override string Type => TypeName;

    public int Generation { get; }

    /// <summary>Copies of the asked candidates (their gene arrays and metadata are not shared with the caller).</summary>
    public IReadOnlyList<Candidate> Candidates { get; }

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("generation", Generation);
        writer.WriteStartArray("candidates");
        foreach (var candidate in Candidates)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", candidate.Id);
            writer.WritePropertyName("genes");
            JsonDoubles.WriteArray(writer, candidate.Genes);
            if (candidate.Metadata is { } metadata)
            {
                writer.WriteStartObject("metadata");
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static BatchAsked Read(JsonElement data)
    {
        var candidates = new List<Candidate>();
        foreach (var item in JsonFields.Array(data, "candidates").EnumerateArray())
        {
            candidates.Add(new Candidate(JsonFields.Int64(item, "id"), JsonFields.Doubles(item, "genes"), ReadMetadata(item)));
        }

        return JsonFields.Construct(() => new BatchAsked(JsonFields.Int32(data, "generation"), candidates));
    }

    // Journals written before candidates carried metadata have no member: such candidates have none.
    private static Dictionary<string, string>? ReadMetadata(JsonElement item)
    {
        if (JsonFields.Optional(item, "metadata") is not { } member)
        {
            return null;
        }

        if (member.ValueKind != JsonValueKind.Object)
        {
            throw new JournalFormatException("Member \"metadata\" must be an object.");
        }

        var metadata = new Dictionary<string, string>();
        foreach (var entry in member.EnumerateObject())
        {
            metadata[entry.Name] = JsonFields.String(member, entry.Name);
        }

        return metadata;
    }

    // Empty metadata is dropped so that it is written the same way it reads back (no member). Keys are sorted
    // so the journal line does not depend on the order an optimizer filled its dictionary in.
    private static SortedDictionary<string, string>? CopyMetadata(int generation, Candidate candidate)
    {
        if (candidate.Metadata is not { Count: > 0 } metadata)
        {
            return null;
        }

        var copy = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrEmpty(key) || value is null)
            {
                throw new ArgumentException($"Generation {generation}: candidate {candidate.Id} has a metadata entry with an empty key or a null value.", nameof(candidate));
            }

            copy[key] = value;
        }

        return copy;
    }
}
