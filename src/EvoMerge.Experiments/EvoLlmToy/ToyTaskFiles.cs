using System.Text;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>Writes the toy corpus's task files as JSONL (one compact JSON object a line) and text files, atomically.</summary>
public static class ToyTaskFiles
{
    public static void WriteGeneration(string path, IEnumerable<ToyProblem> problems) =>
        WriteLines(path, problems.Select(p => new JsonObject { ["prompt"] = p.Prompt, ["answer"] = p.Answer }.ToJsonString()));

    public static void WriteChoices(string path, IEnumerable<ToyChoiceItem> items) =>
        WriteLines(path, items.Select(i => new JsonObject
        {
            ["prompt"] = i.Prompt,
            ["choices"] = new JsonArray(i.Choices.Select(c => (JsonNode?)c).ToArray()),
            ["answer"] = i.Answer,
        }.ToJsonString()));

    public static void WritePerplexity(string path, IEnumerable<string> texts) =>
        WriteLines(path, texts.Select(t => new JsonObject { ["text"] = t }.ToJsonString()));

    public static void WriteLines(string path, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString(), fsync: false);
    }

    public static IReadOnlyList<ToyProblem> ReadGeneration(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => new ToyProblem(o["prompt"]!.GetValue<string>(), o["answer"]!.GetValue<string>())).ToList();

    public static IReadOnlyList<ToyChoiceItem> ReadChoices(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => new ToyChoiceItem(o["prompt"]!.GetValue<string>(), o["choices"]!.AsArray().Select(c => c!.GetValue<string>()).ToList(), o["answer"]!.GetValue<int>())).ToList();

    public static IReadOnlyList<string> ReadPerplexity(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!["text"]!.GetValue<string>()).ToList();
}
