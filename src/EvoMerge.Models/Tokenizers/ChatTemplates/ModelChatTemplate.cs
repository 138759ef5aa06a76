using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// The chat template of a model folder and the special-token strings it is rendered with (bos_token, eos_token,
/// unk_token, pad_token of tokenizer_config.json), read as transformers does: <c>chat_template.jinja</c>, else
/// <c>chat_template.json</c>'s "chat_template", else tokenizer_config.json's "chat_template" (a string, or a list
/// of {name, template} of which the one named "default" is used).
/// </summary>
public sealed class ModelChatTemplate
{
    public const string JinjaFileName = "chat_template.jinja";
    public const string JsonFileName = "chat_template.json";
    static readonly string[] SpecialTokenFields = ["bos_token", "eos_token", "unk_token", "pad_token"];

    ModelChatTemplate(ChatTemplate template, IReadOnlyDictionary<string, string> specialTokens)
    {
        Template = template;
        SpecialTokens = specialTokens;
    }

    public ChatTemplate Template { get; }

    /// <summary>Special-token strings by variable name (bos_token, ...), as tokenizer_config.json gives them.</summary>
    public IReadOnlyDictionary<string, string> SpecialTokens { get; }

    /// <summary>The folder's chat template, or null when it has none. Unreadable files and templates are errors naming the file.</summary>
    public static ModelChatTemplate? Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string configPath = Path.Combine(folder, SpecialTokenConfig.FileName);
        var config = File.Exists(configPath) ? ReadJson(configPath) : null;
        var specials = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in SpecialTokenFields)
        {
            if (TokenString(config?[field]) is { } token)
                specials[field] = token;
        }

        var (text, name) = FindTemplate(folder, configPath, config);
        return text is null ? null : new ModelChatTemplate(ChatTemplate.Parse(text, name!), specials);
    }

    /// <summary>
    /// Renders <paramref name="variables"/> (a JSON object with messages, add_generation_prompt, ...) after the
    /// special-token strings, which a variable of the same name overrides.
    /// </summary>
    public string Render(JsonObject variables, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var all = new JsonObject();
        foreach (var (key, value) in SpecialTokens)
            all[key] = value;
        foreach (var (key, value) in variables)
            all[key] = value?.DeepClone();
        using var document = JsonDocument.Parse(all.ToJsonString());
        return Template.Render(document.RootElement, now);
    }

    /// <summary>One user turn (after an optional system turn) with the assistant's turn opened: a model's prompt.</summary>
    public string RenderPrompt(string user, string? system = null, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var messages = new JsonArray();
        if (system is not null)
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = user });
        return Render(new JsonObject { ["messages"] = messages, ["add_generation_prompt"] = true }, now);
    }

    static (string? Text, string? Name) FindTemplate(string folder, string configPath, JsonNode? config)
    {
        string jinjaPath = Path.Combine(folder, JinjaFileName);
        if (File.Exists(jinjaPath))
            return (File.ReadAllText(jinjaPath), jinjaPath);
        string jsonPath = Path.Combine(folder, JsonFileName);
        if (File.Exists(jsonPath))
        {
            var node = ReadJson(jsonPath)?["chat_template"];
            return (Choose(node, jsonPath) ?? throw new ChatTemplateException($"{jsonPath}: has no \"chat_template\" string."), $"{jsonPath} (chat_template)");
        }
        var fromConfig = Choose(config?["chat_template"], configPath);
        return (fromConfig, $"{configPath} (chat_template)");
    }

    /// <summary>A template field: a string, or a list of {name, template} from which "default" is taken.</summary>
    static string? Choose(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue(out string? text):
                return text;
            case JsonArray list:
                var named = list.Select(item => (Name: item?["name"]?.GetValue<string>(), Template: item?["template"]?.GetValue<string>())).ToList();
                var chosen = named.FirstOrDefault(t => t.Name == "default");
                return chosen.Template ?? throw new ChatTemplateException(
                    $"{path}: chat_template lists templates named {string.Join(", ", named.Select(t => $"'{t.Name}'"))} but none named 'default'; EvoMerge renders the default one.");
            default:
                throw new ChatTemplateException($"{path}: chat_template must be a string or a list of {{name, template}}, found {node.ToJsonString()}.");
        }
    }

    static string? TokenString(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonObject added => added["content"] is JsonValue content && content.TryGetValue(out string? text) ? text : null,
        _ => null,
    };

    static JsonNode? ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ChatTemplateException($"{path}: not valid JSON ({e.Message}).");
        }
    }
}
