using System.Text.Json;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// A Hugging Face chat template (a Jinja2 string), parsed once and rendered like transformers'
/// <c>apply_chat_template</c>: trim_blocks and lstrip_blocks on, loop controls, <c>raise_exception</c> and
/// <c>strftime_now</c>. Constructs outside the supported subset are errors naming the template and position.
/// </summary>
public sealed class ChatTemplate
{
    readonly TemplateSource _source;
    readonly IReadOnlyList<TemplateNode> _body;

    ChatTemplate(TemplateSource source, IReadOnlyList<TemplateNode> body)
    {
        _source = source;
        _body = body;
    }

    /// <summary>What errors call the template, e.g. "models/qwen/tokenizer_config.json (chat_template)".</summary>
    public string Name => _source.Name;

    public string Text => _source.Text;

    /// <summary>Parses <paramref name="text"/>; <paramref name="name"/> says where it came from in error messages.</summary>
    public static ChatTemplate Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var source = new TemplateSource(name, text);
        var segments = TemplateLexer.Split(source, trimBlocks: true, lstripBlocks: true);
        return new ChatTemplate(source, TemplateParser.Parse(source, segments));
    }

    /// <summary>
    /// Renders with the fields of the JSON object <paramref name="variables"/> as template variables (messages,
    /// add_generation_prompt, tools, bos_token, ...). <paramref name="now"/> is what <c>strftime_now</c> reads.
    /// </summary>
    public string Render(JsonElement variables, DateTime? now = null)
    {
        if (variables.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("the template variables must be a JSON object.", nameof(variables));
        var scope = new TemplateScope(null);
        TemplateGlobals.AddTo(scope, _source, now ?? DateTime.Now);
        var context = new TemplateScope(scope);
        foreach (var property in variables.EnumerateObject())
            context.Set(property.Name, TemplateValues.FromJson(property.Value));
        return new TemplateRenderer(_source).Render(_body, context);
    }
}
