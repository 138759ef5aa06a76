using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.State;

/// <summary>
/// Reading and writing optimizer state. Finite doubles are JSON numbers, which System.Text.Json
/// writes in shortest round-trip form (parsing gives back the same bits); JSON has no infinity or
/// NaN, so those are written as the strings "Infinity", "-Infinity" and "NaN". RNG words are
/// 16-digit hex strings so tools that read numbers as doubles cannot round them.
/// </summary>
internal static class StateJson
{
    public static JsonNode Number(double value) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : JsonValue.Create(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");

    public static double ReadDouble(JsonNode? node, string what)
    {
        if (node is JsonValue v)
        {
            if (v.GetValueKind() == JsonValueKind.Number)
            {
                // Parsed text holds a JsonElement (any type converts); an in-memory node holds the CLR value it was made from.
                if (v.TryGetValue(out double d)) return d;
                if (v.TryGetValue(out long l)) return l;
                if (v.TryGetValue(out int i)) return i;
            }
            if (v.GetValueKind() == JsonValueKind.String)
                switch (v.GetValue<string>())
                {
                    case "Infinity": return double.PositiveInfinity;
                    case "-Infinity": return double.NegativeInfinity;
                    case "NaN": return double.NaN;
                }
        }
        throw new FormatException($"State field '{what}' must be a number (or \"Infinity\", \"-Infinity\", \"NaN\").");
    }

    public static JsonArray Numbers(ReadOnlySpan<double> values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(Number(v));
        return array;
    }

    public static double[] ReadNumbers(JsonNode? node, string what) =>
        (node as JsonArray ?? throw new FormatException($"State field '{what}' must be an array of numbers."))
            .Select((n, i) => ReadDouble(n, $"{what}[{i}]")).ToArray();

    public static JsonNode Required(JsonObject obj, string name) =>
        obj[name] ?? throw new FormatException($"State is missing the field '{name}'.");

    public static JsonObject RequiredObject(JsonObject obj, string name) =>
        Required(obj, name) as JsonObject ?? throw new FormatException($"State field '{name}' must be an object.");

    public static JsonArray RequiredArray(JsonObject obj, string name) =>
        Required(obj, name) as JsonArray ?? throw new FormatException($"State field '{name}' must be an array.");

    public static string ReadString(JsonObject obj, string name) =>
        Required(obj, name) is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new FormatException($"State field '{name}' must be a string.");

    public static long ReadLong(JsonObject obj, string name)
    {
        if (Required(obj, name) is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            if (v.TryGetValue(out long l)) return l;
            if (v.TryGetValue(out int i)) return i;
        }
        throw new FormatException($"State field '{name}' must be a whole number.");
    }

    public static int ReadInt(JsonObject obj, string name) => checked((int)ReadLong(obj, name));

    public static bool ReadBool(JsonObject obj, string name) =>
        Required(obj, name) is JsonValue v && v.TryGetValue(out bool b)
            ? b
            : throw new FormatException($"State field '{name}' must be true or false.");

    /// <summary>Checks the "optimizer" and "version" fields before anything else is read.</summary>
    public static void ExpectHeader(JsonObject state, string optimizer, int version)
    {
        ArgumentNullException.ThrowIfNull(state);
        string name = ReadString(state, "optimizer");
        if (name != optimizer)
            throw new ArgumentException($"This state belongs to optimizer '{name}', not '{optimizer}'.", nameof(state));
        int found = ReadInt(state, "version");
        if (found != version)
            throw new ArgumentException($"State version {found} of '{optimizer}' is not supported (expected {version}).", nameof(state));
    }

    public static JsonArray WriteRng(RngState s) =>
        new(Hex(s.S0), Hex(s.S1), Hex(s.S2), Hex(s.S3));

    public static Rng ReadRng(JsonNode? node)
    {
        var words = (node as JsonArray)?.Select(w => w is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? ulong.Parse(v.GetValue<string>(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : throw new FormatException("RNG words must be hex strings.")).ToArray();
        if (words is not { Length: 4 }) throw new FormatException("State field 'rng' must hold four hex words.");
        return Rng.FromState(new RngState(words[0], words[1], words[2], words[3]));
    }

    static JsonNode Hex(ulong word) => JsonValue.Create(word.ToString("x16", CultureInfo.InvariantCulture));

    public static JsonObject WriteBounds(Bounds bounds) =>
        new() { ["lower"] = Numbers(bounds.Lower), ["upper"] = Numbers(bounds.Upper) };

    public static Bounds ReadBounds(JsonNode? node)
    {
        var obj = node as JsonObject ?? throw new FormatException("State field 'bounds' must be an object.");
        return new Bounds(ReadNumbers(obj["lower"], "bounds.lower"), ReadNumbers(obj["upper"], "bounds.upper"));
    }

    public static JsonArray WriteChromosomes(IEnumerable<Chromosome> chromosomes) =>
        new(chromosomes.Select(c => (JsonNode)Numbers(c.Genes)).ToArray());

    public static List<Chromosome> ReadChromosomes(JsonNode? node, string what) =>
        (node as JsonArray ?? throw new FormatException($"State field '{what}' must be an array."))
            .Select((n, i) => new Chromosome(ReadNumbers(n, $"{what}[{i}]"))).ToList();
}
