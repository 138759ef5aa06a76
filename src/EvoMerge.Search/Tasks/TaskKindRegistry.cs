using EvoMerge.Search.Registries;
using EvoMerge.Search.Tasks.Classifier;
using EvoMerge.Search.Tasks.Command;
using EvoMerge.Search.Tasks.Language;
using EvoMerge.Search.Tasks.Onnx;

namespace EvoMerge.Search.Tasks;

/// <summary>The evaluator kinds a task can use, by their YAML names: adding one is a folder with its kind and a line here.</summary>
public static class TaskKindRegistry
{
    static readonly NamedChoices<TaskKind> Choices = new("evaluator",
    [
        new ClassifierTaskKind(),
        new OnnxTaskKind(),
        new CommandTaskKind(),
        new LanguageModelTaskKind(),
    ], k => k.Name);

    static IReadOnlyList<TaskKind> All => Choices.Items;

    public static IReadOnlyList<string> Names => Choices.Names;

    public static IReadOnlyList<TaskKind> Kinds => All;

    public static bool TryGet(string name, out TaskKind kind) => Choices.TryGet(name, out kind);

    /// <summary>The kind named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static TaskKind Get(string name) => Choices.Get(name);

    public static string UnknownName(string name) => Choices.UnknownName(name);

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
