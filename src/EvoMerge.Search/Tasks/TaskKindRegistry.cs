using EvoMerge.Search.Tasks.Classifier;
using EvoMerge.Search.Tasks.Command;
using EvoMerge.Search.Tasks.Language;
using EvoMerge.Search.Tasks.Onnx;

namespace EvoMerge.Search.Tasks;

/// <summary>The evaluator kinds a task can use, by their YAML names: adding one is a folder with its kind and a line here.</summary>
public static class TaskKindRegistry
{
    static readonly IReadOnlyList<TaskKind> All =
    [
        new ClassifierTaskKind(),
        new OnnxTaskKind(),
        new CommandTaskKind(),
        new LanguageModelTaskKind(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(k => k.Name).ToList();

    public static IReadOnlyList<TaskKind> Kinds => All;

    public static bool TryGet(string name, out TaskKind kind)
    {
        kind = All.FirstOrDefault(k => k.Name == name)!;
        return kind is not null;
    }

    /// <summary>The kind named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static TaskKind Get(string name) =>
        TryGet(name, out var kind) ? kind : throw new ArgumentException(UnknownName(name));

    public static string UnknownName(string name) => $"unknown evaluator '{name}'; valid: {string.Join(", ", Names)}.";

    /// <summary>Every field some kind adds to a task (a field of another kind is refused by name).</summary>
    public static IReadOnlyList<string> AllFields { get; } = All.SelectMany(k => k.Fields).Distinct().ToList();

    /// <summary>The kinds with a capability, for messages: "classifier, onnx or language".</summary>
    public static string NamesThat(Func<TaskKindCapabilities, bool> can)
    {
        ArgumentNullException.ThrowIfNull(can);
        var names = All.Where(k => can(k.Capabilities)).Select(k => k.Name).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
