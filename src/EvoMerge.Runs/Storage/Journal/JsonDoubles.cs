using System.Text.Json;

namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// Doubles in the journal. Finite values are JSON numbers in the shortest form that parses back to
/// the same bits (System.Text.Json's default, checked by tests, -0 and subnormals included). JSON has
/// no NaN or infinity, so those are written as the strings "NaN", "Infinity" and "-Infinity".
/// </summary>
public static class JsonDoubles
{
    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<double> values)
    {
        writer.WriteStartArray();
        foreach (double value in values)
        {
            Write(writer, value);
        }

        writer.WriteEndArray();
    }

    public static double Read(JsonElement element, string what)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out double value):
                return value;
            case JsonValueKind.String:
                return element.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var other => throw new JournalFormatException($"{what}: \"{other}\" is not a number."),
                };
            default:
                throw new JournalFormatException($"{what}: expected a number, found {element.ValueKind}.");
        }
    }

    public static double[] ReadArray(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new JournalFormatException($"{what}: expected an array, found {element.ValueKind}.");
        }

        var values = new double[element.GetArrayLength()];
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            values[i] = Read(item, $"{what}[{i}]");
            i++;
        }

        return values;
    }
}
