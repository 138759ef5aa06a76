namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Variables visible at a point of a template. As in Jinja2, a for loop or macro body assigns in its own scope
/// (so <c>set</c> inside a loop does not leak out: that is what <c>namespace()</c> is for), while if blocks do not.
/// </summary>
sealed class TemplateScope(TemplateScope? parent)
{
    readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public bool TryGet(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out value))
                return true;
        }
        value = null;
        return false;
    }

    public void Set(string name, object? value) => _variables[name] = value;

    TemplateScope? Parent { get; } = parent;
}
