namespace EvoMerge.Search.Registries;

/// <summary>
/// The choices a config field names (optimizers, genome kinds, evaluator kinds), looked up by their YAML name;
/// an unknown name is an error listing the valid ones. The one lookup behind every registry, so their messages
/// read alike.
/// </summary>
/// <param name="what">What a choice is, for messages: "optimizer", "genome kind", "evaluator".</param>
public sealed class NamedChoices<T>(string what, IReadOnlyList<T> items, Func<T, string> nameOf) where T : class
{
    public IReadOnlyList<T> Items => items;

    public IReadOnlyList<string> Names { get; } = items.Select(nameOf).ToList();

    /// <summary>Whether <paramref name="name"/> is a choice; <paramref name="item"/> is null when it is not (as the registries always had it).</summary>
    public bool TryGet(string name, out T item)
    {
        item = items.FirstOrDefault(i => nameOf(i) == name)!;
        return item is not null;
    }

    /// <summary>The choice named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public T Get(string name) => TryGet(name, out var item) ? item : throw new ArgumentException(UnknownName(name));

    public string UnknownName(string name) => $"unknown {what} '{name}'; valid: {string.Join(", ", Names)}.";
}
