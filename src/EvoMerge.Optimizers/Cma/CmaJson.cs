using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Exact JSON encodings shared by the CMA-ES family's state export. Finite doubles are JSON numbers
/// in the shortest round-trip form; NaN and infinities become strings (JSON has no such numbers);
/// large matrices are base64 of their little-endian IEEE-754 bits so that every bit survives.
/// </summary>
internal static class CmaJson
{
    public static JsonNode Number(double value) =>
        double.IsFinite(value)
            ? JsonValue.Create(value)
            : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    public static double ReadNumber(JsonNode? node, string name)
    {
        if (node is null) throw new FormatException($"CMA state lacks '{name}'.");
        var value = node.AsValue();
        if (value.TryGetValue<string>(out var text))
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value.GetValue<double>();
    }

    public static JsonArray Vector(ReadOnlySpan<double> values)
    {
        var array = new JsonArray();
        foreach (var v in values) array.Add(Number(v));
        return array;
    }

    public static double[] ReadVector(JsonNode? node, string name)
    {
        if (node is not JsonArray array) throw new FormatException($"CMA state lacks the array '{name}'.");
        var result = new double[array.Count];
        for (int i = 0; i < result.Length; i++) result[i] = ReadNumber(array[i], name);
        return result;
    }

    public static string Bits(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return Convert.ToBase64String(bytes);
    }

    public static double[] ReadBits(JsonNode? node, string name, int expectedLength)
    {
        if (node is null) throw new FormatException($"CMA state lacks '{name}'.");
        var bytes = Convert.FromBase64String(node.GetValue<string>());
        if (bytes.Length != expectedLength * sizeof(double))
            throw new FormatException($"'{name}' holds {bytes.Length / sizeof(double)} values, expected {expectedLength}.");
        var result = new double[expectedLength];
        for (int i = 0; i < result.Length; i++)
            result[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return result;
    }

    public static JsonObject Rng(RngState state) => new()
    {
        ["s0"] = state.S0.ToString("x16", CultureInfo.InvariantCulture),
        ["s1"] = state.S1.ToString("x16", CultureInfo.InvariantCulture),
        ["s2"] = state.S2.ToString("x16", CultureInfo.InvariantCulture),
        ["s3"] = state.S3.ToString("x16", CultureInfo.InvariantCulture),
    };

    public static RngState ReadRng(JsonNode? node)
    {
        if (node is not JsonObject o) throw new FormatException("CMA state lacks the generator state 'rng'.");
        ulong Word(string key) => ulong.Parse(o[key]!.GetValue<string>(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new RngState(Word("s0"), Word("s1"), Word("s2"), Word("s3"));
    }

    public static JsonNode UInt64(ulong value) => JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    public static ulong ReadUInt64(JsonNode? node, string name) =>
        node is null
            ? throw new FormatException($"CMA state lacks '{name}'.")
            : ulong.Parse(node.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture);

    public static T Required<T>(JsonNode? node, string name) =>
        node is null ? throw new FormatException($"CMA state lacks '{name}'.") : node.GetValue<T>();

    public static void CheckHeader(JsonObject state, string optimizer, int version)
    {
        var name = state["optimizer"]?.GetValue<string>();
        if (name != optimizer)
            throw new FormatException($"State is for optimizer '{name}', not '{optimizer}'.");
        var v = state["version"]?.GetValue<int>();
        if (v != version)
            throw new FormatException($"State version {v} is not supported by '{optimizer}' (expects {version}).");
    }
}
