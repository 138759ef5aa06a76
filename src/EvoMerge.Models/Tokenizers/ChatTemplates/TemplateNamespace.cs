namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>The object <c>namespace(...)</c> returns: attributes a loop body can assign (<c>{% set ns.x = ... %}</c>).</summary>
sealed class TemplateNamespace(Dictionary<string, object?> attributes)
{
    public Dictionary<string, object?> Attributes { get; } = attributes;
}
