namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>A callable template value (a global such as <c>raise_exception</c>, a macro, <c>loop.cycle</c>).</summary>
delegate object? TemplateFunction(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> keywords);
