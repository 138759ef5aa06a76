namespace EvoMerge.Search.Config;

/// <summary>A search configuration has problems: all of them, each naming its field.</summary>
public sealed class SearchConfigException : Exception
{
    public SearchConfigException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem(s):\n" + string.Join("\n", problems.Select(p => "  - " + p)))
    {
        Source = source;
        Problems = problems;
    }

    public new string Source { get; }

    public IReadOnlyList<string> Problems { get; }
}
