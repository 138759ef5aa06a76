namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>How the answer is cut out of a generated output (and out of the reference answer) before exact match.</summary>
public enum AnswerExtraction
{
    /// <summary>The last number in the text, commas removed, as MGSM scoring does ("1,234.50" gives "1234.5").</summary>
    LastNumber,

    /// <summary>The first non-blank line, trimmed.</summary>
    FirstLine,

    /// <summary>The whole text, trimmed.</summary>
    Full,
}
