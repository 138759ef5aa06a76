using System.Text.Json;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>Reads a JSONL task file (one example per line, blank lines skipped; see README.md for the fields).</summary>
public static class LanguageTaskFile
{
    /// <exception cref="TaskDataException">The file is missing, or a line is not a valid example of <paramref name="kind"/>.</exception>
    public static IReadOnlyList<LanguageExample> Read(string path, LanguageTaskKind kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new TaskDataException($"{path}: task file not found.");
        }

        var examples = new List<LanguageExample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                examples.Add(Parse(line, kind, $"{path}, line {lineNumber}"));
            }
        }

        if (examples.Count == 0)
        {
            throw new TaskDataException($"{path}: no examples.");
        }

        return examples;
    }

    /// <summary>One line's example; <paramref name="source"/> names the line in messages.</summary>
    public static LanguageExample Parse(string line, LanguageTaskKind kind, string source)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new TaskDataException($"{source}: not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TaskDataException($"{source}: expected a JSON object, found {root.ValueKind}.");
            }

            return kind switch
            {
                LanguageTaskKind.MultipleChoice => MultipleChoice(root, source),
                LanguageTaskKind.Generation => new GenerationExample(Prompt(root, source), Answer(root, source), source),
                LanguageTaskKind.Perplexity => new PerplexityExample(NonEmptyString(root, "text", source), source),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a language task kind"),
            };
        }
    }

    private static MultipleChoiceExample MultipleChoice(JsonElement root, string source)
    {
        var prompt = Prompt(root, source);
        var choicesField = Field(root, "choices", source);
        if (choicesField.ValueKind != JsonValueKind.Array || choicesField.GetArrayLength() < 2)
        {
            throw Error(source, "choices", "expected an array of at least two strings");
        }

        var choices = choicesField.EnumerateArray()
            .Select((c, i) => c.ValueKind == JsonValueKind.String && c.GetString()!.Length > 0
                ? c.GetString()!
                : throw Error(source, $"choices[{i}]", "expected a non-empty string"))
            .ToArray();
        var answerField = Field(root, "answer", source);
        if (answerField.ValueKind != JsonValueKind.Number || !answerField.TryGetInt32(out var answer) || answer < 0 || answer >= choices.Length)
        {
            throw Error(source, "answer", $"expected the index of the correct choice (0 to {choices.Length - 1}), found {answerField.GetRawText()}");
        }

        return new MultipleChoiceExample(prompt, choices, answer, source);
    }

    /// <summary>"prompt" or "question" (exactly one of them).</summary>
    private static string Prompt(JsonElement root, string source)
    {
        var hasPrompt = root.TryGetProperty("prompt", out _);
        var hasQuestion = root.TryGetProperty("question", out _);
        if (hasPrompt == hasQuestion)
        {
            throw new TaskDataException($"{source}: give exactly one of the fields 'prompt' and 'question'.");
        }

        return StringField(root, hasPrompt ? "prompt" : "question", source);
    }

    /// <summary>The reference answer: a string, or a number written as in the file.</summary>
    private static string Answer(JsonElement root, string source)
    {
        var answer = Field(root, "answer", source);
        return answer.ValueKind switch
        {
            JsonValueKind.String when answer.GetString()!.Trim().Length > 0 => answer.GetString()!,
            JsonValueKind.Number => answer.GetRawText(),
            _ => throw Error(source, "answer", $"expected a non-blank string or a number, found {answer.GetRawText()}"),
        };
    }

    private static string NonEmptyString(JsonElement root, string name, string source)
    {
        var text = StringField(root, name, source);
        return text.Trim().Length > 0 ? text : throw Error(source, name, "is blank");
    }

    private static string StringField(JsonElement root, string name, string source)
    {
        var value = Field(root, name, source);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(source, name, $"expected a string, found {value.ValueKind}");
    }

    private static JsonElement Field(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var value) ? value : throw Error(source, name, "missing");

    private static TaskDataException Error(string source, string field, string problem) => new($"{source}, field '{field}': {problem}.");
}
