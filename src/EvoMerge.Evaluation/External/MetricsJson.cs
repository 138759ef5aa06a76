using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Reads the metrics a command reported: a JSON object with each wanted metric as a finite number (found by its
/// key, or by a dotted path into nested objects) and optionally a <c>per_example</c> array of finite numbers.
/// Anything else fails the trial with a reason.
/// </summary>
internal static partial class MetricsJson
{
    public const string PerExampleKey = "per_example";

    /// <exception cref="EvaluationFailedException">Bad JSON, a missing or non-finite metric, a bad per-example array.</exception>
    public static EvaluationResult Parse(string json, string source, IReadOnlyList<string> metricNames, int? expectedExamples)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var hint = NonFiniteLiteral().IsMatch(json) ? " It holds NaN or Infinity, which JSON cannot express: a metric is not finite." : "";
            throw new EvaluationFailedException($"the metrics in {source} are not valid JSON ({e.Message}).{hint}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EvaluationFailedException($"the metrics in {source} are a JSON {root.ValueKind}, not an object.");
            }

            var metrics = metricNames.ToDictionary(n => n, n => Metric(root, n, source), StringComparer.Ordinal);
            return new EvaluationResult(metrics, PerExample(root, source, expectedExamples));
        }
    }

    private static double Metric(JsonElement root, string name, string source)
    {
        if (!TryFind(root, name, out var value))
        {
            var keys = string.Join(", ", root.EnumerateObject().Select(p => $"'{p.Name}'"));
            throw new EvaluationFailedException($"metric '{name}' is missing from {source} (its keys: {keys}).");
        }

        return Finite(value, $"metric '{name}'", source);
    }

    private static double[]? PerExample(JsonElement root, string source, int? expected)
    {
        if (!root.TryGetProperty(PerExampleKey, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new EvaluationFailedException($"'{PerExampleKey}' in {source} is a JSON {array.ValueKind}, not an array of numbers.");
        }

        var scores = array.EnumerateArray().Select((item, i) => Finite(item, $"'{PerExampleKey}'[{i}]", source)).ToArray();
        if (expected is { } count && scores.Length != count)
        {
            throw new EvaluationFailedException($"'{PerExampleKey}' in {source} has {scores.Length} entries, expected {count}.");
        }

        return scores;
    }

    /// <summary>The exact key first (lm-eval style names may hold dots), then the dotted path.</summary>
    private static bool TryFind(JsonElement root, string name, out JsonElement value)
    {
        if (root.TryGetProperty(name, out value))
        {
            return true;
        }

        value = root;
        foreach (var part in name.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
            {
                return false;
            }
        }

        return true;
    }

    private static double Finite(JsonElement value, string what, string source)
    {
        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetDouble(out number))
            {
                throw new EvaluationFailedException($"{what} in {source} ({value.GetRawText()}) is not a representable number.");
            }
        }
        else if (value.ValueKind != JsonValueKind.String
                 || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            throw new EvaluationFailedException($"{what} in {source} is {Describe(value)}, not a number.");
        }

        return double.IsFinite(number)
            ? number
            : throw new EvaluationFailedException($"{what} in {source} is {number.ToString(CultureInfo.InvariantCulture)}, not a finite number.");
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"the string {value.GetRawText()}" : $"a JSON {value.ValueKind}";

    [GeneratedRegex(@"(?<![""\w])-?(NaN|Infinity)(?![""\w])")]
    private static partial Regex NonFiniteLiteral();
}
