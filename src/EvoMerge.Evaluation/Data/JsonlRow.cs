using System.Text.Json;

namespace EvoMerge.Evaluation.Data;

/// <summary>One parsed JSONL line.</summary>
internal sealed record JsonlRow(float[] Features, double Label)
{
    public static JsonlRow Parse(string path, int lineNumber, string line, TaskDataOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new TaskDataException($"{path}, line {lineNumber}: not valid JSON ({QuotedText.Escape(e.Message)}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TaskDataException($"{path}, line {lineNumber}: expected a JSON object, found {root.ValueKind}.");
            }

            var where = new Where(path, lineNumber);
            var label = where.Number(Field(where, root, options.LabelColumn), options.LabelColumn);
            var features = options.FeatureColumns is { } names
                ? names.Select(n => where.Feature(Field(where, root, n), n)).ToArray()
                : FeatureArray(where, Field(where, root, options.InputsField), options.InputsField);
            return new JsonlRow(features, label);
        }
    }

    private static float[] FeatureArray(Where where, JsonElement array, string field)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw where.Error(field, $"expected a non-empty array of numbers, found {array.ValueKind}");
        }

        return array.EnumerateArray().Select((item, i) => where.Feature(item, $"{field}[{i}]")).ToArray();
    }

    private static JsonElement Field(Where where, JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw where.Error(name, "missing");

    /// <summary>File and line of the row, for messages.</summary>
    private readonly record struct Where(string Path, int Line)
    {
        public TaskDataException Error(string field, string problem) => new($"{Path}, line {Line}, field {QuotedText.Quote(field)}: {problem}.");

        public double Number(JsonElement value, string field)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                throw Error(field, $"expected a finite number, found {Describe(value)}");
            }

            return number;
        }

        public float Feature(JsonElement value, string field)
        {
            var number = Number(value, field);
            return NumberText.TryNarrow(number, out var narrowed) ? narrowed : throw Error(field, $"{number} is outside the float32 range");
        }

        private static string Describe(JsonElement value) =>
            value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? QuotedText.Escape(value.GetRawText()) : value.ValueKind.ToString();
    }
}
