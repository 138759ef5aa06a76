using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>
/// The first line of every journal: which configuration (by hash) and seed the run uses, when it
/// was created, the journal format version, and free-form <see cref="Extra"/> facts (e.g. further
/// seeds) that the run layer wants to check on resume.
/// </summary>
public sealed record RunCreated : JournalEvent
{
    public const string TypeName = "run_created";
    public const int CurrentFormatVersion = 1;

    private readonly JsonObject _extra;

    public RunCreated(string configHash, ulong seed, DateTimeOffset createdUtc, JsonObject? extra = null, int formatVersion = CurrentFormatVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configHash);
        if (formatVersion < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(formatVersion), formatVersion, "The journal format version starts at 1.");
        }

        ConfigHash = configHash;
        Seed = seed;
        CreatedUtc = createdUtc.ToUniversalTime();
        FormatVersion = formatVersion;
        _extra = extra is null ? new JsonObject() : (JsonObject)extra.DeepClone();
    }

    public override string Type => TypeName;

    public string ConfigHash { get; }

    public ulong Seed { get; }

    public DateTimeOffset CreatedUtc { get; }

    public int FormatVersion { get; }

    /// <summary>A copy: the event itself stays unchanged.</summary>
    public JsonObject Extra => (JsonObject)_extra.DeepClone();

    public override void WriteData(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", FormatVersion);
        writer.WriteString("configHash", ConfigHash);
        writer.WriteNumber("seed", Seed);
        writer.WriteString("createdUtc", CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
        writer.WritePropertyName("extra");
        _extra.WriteTo(writer);
        writer.WriteEndObject();
    }

    public static RunCreated Read(JsonElement data)
    {
        int version = JsonFields.Int32(data, "formatVersion");
        if (version > CurrentFormatVersion)
        {
            throw new JournalFormatException(
                $"The journal has format version {version}; this build reads up to {CurrentFormatVersion}. Use a newer EvoMerge.");
        }

        var extra = JsonNode.Parse(JsonFields.Object(data, "extra").GetRawText())!.AsObject();
        return JsonFields.Construct(() => new RunCreated(
            JsonFields.String(data, "configHash"),
            JsonFields.UInt64(data, "seed"),
            JsonFields.Timestamp(data, "createdUtc"),
            extra,
            version));
    }
}
