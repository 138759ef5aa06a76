using System.Globalization;

namespace EvoMerge.Evaluation.Data;

/// <summary>Invariant-culture number parsing shared by the loaders; failures come back as a short description.</summary>
internal static class NumberText
{
    public static bool TryParseFinite(string? text, out double value, out string problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            (value, problem) = (0, "is empty");
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = $"{QuotedText.Quote(text)} is not a number";
            return false;
        }

        if (!double.IsFinite(value))
        {
            problem = $"{QuotedText.Quote(text)} is not finite";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>Narrows a feature value to float32, refusing values that would become infinite.</summary>
    public static bool TryNarrow(double value, out float narrowed)
    {
        narrowed = (float)value;
        return float.IsFinite(narrowed);
    }
}
