namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>A filter's arguments by position or keyword, checking that none is left over (a misspelled keyword is an error).</summary>
sealed class FilterArguments(string filter, IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> keywords)
{
    static readonly object Required = new();
    readonly HashSet<string> _usedKeywords = new(StringComparer.Ordinal);
    int _usedPositional;

    public int Count => positional.Count;

    public object? Positional(int index)
    {
        _usedPositional = Math.Max(_usedPositional, index + 1);
        return positional[index];
    }

    /// <summary>The remaining positional arguments from <paramref name="from"/> (passed on to a test or filter).</summary>
    public IReadOnlyList<object?> Rest(int from)
    {
        _usedPositional = Math.Max(_usedPositional, positional.Count);
        return positional.Skip(from).ToList();
    }

    /// <summary>The argument at <paramref name="index"/> (-1: keyword only) or named <paramref name="name"/>; required when no fallback is given.</summary>
    public object? Get(int index, string name) => Get(index, name, Required);

    public object? Get(int index, string name, object? fallback)
    {
        if (index >= 0 && index < positional.Count)
            return Positional(index);
        if (keywords.TryGetValue(name, out var value))
        {
            _usedKeywords.Add(name);
            return value;
        }
        return ReferenceEquals(fallback, Required)
            ? throw new InvalidOperationException($"the filter '{filter}' needs the argument '{name}'")
            : fallback;
    }

    public void CheckAllUsed()
    {
        if (_usedPositional < positional.Count)
            throw new InvalidOperationException($"the filter '{filter}' got {positional.Count} positional arguments, more than it takes");
        foreach (var name in keywords.Keys.Where(k => !_usedKeywords.Contains(k)))
            throw new InvalidOperationException($"the filter '{filter}' has no argument '{name}'");
    }
}
