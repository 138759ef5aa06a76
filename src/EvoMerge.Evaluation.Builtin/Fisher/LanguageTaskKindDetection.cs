using System.Text.Json;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>
/// The kind of a JSONL task file, from the fields of its first example: <c>choices</c> makes it multiple choice,
/// <c>text</c> perplexity, <c>answer</c> alone generation (the fields each kind reads; see Language/README.md).
/// </summary>
public static class LanguageTaskKindDetection
{
    /// <exception cref="TaskDataException">The file is missing, empty, or its first example fits no kind.</exception>
    public static LanguageTaskKind Detect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new TaskDataException($"{path}: task file not found.");
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("choices", out _)) return LanguageTaskKind.MultipleChoice;
                    if (root.TryGetProperty("text", out _)) return LanguageTaskKind.Perplexity;
                    if (root.TryGetProperty("answer", out _)) return LanguageTaskKind.Generation;
                }
            }
            catch (JsonException e)
            {
                throw new TaskDataException($"{path}, line {lineNumber}: not valid JSON ({e.Message}).", e);
            }
            throw new TaskDataException($"{path}, line {lineNumber}: cannot tell the task's kind: a language task example has " +
                "'choices' and 'answer' (multiple choice), 'answer' (generation) or 'text' (perplexity); give the kind explicitly.");
        }
        throw new TaskDataException($"{path}: no examples.");
    }
}
