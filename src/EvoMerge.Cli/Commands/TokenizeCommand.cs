using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Cli.Terminal;
using EvoMerge.Models.HuggingFace;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// `evomerge tokenize MODEL (--file F.jsonl | --text TEXT) [--special | --chat [--system TEXT]]`: one line
/// {"ids": [...], "tokens": [...]} per input text on stdout, in input order, with the tokenizer the language
/// evaluator uses for that model. With --chat each input is first rendered by the model's chat template (the line
/// then starts with the rendered "text"), as a `language` task with <c>chat: true</c> renders its prompts.
/// </summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model folder (tokenizer.json, or an EvoMerge vocab.json), or a Hugging Face id org/name found in the local cache ($HF_HOME/hub)." };
        var file = new Option<FileInfo>("--file") { Description = "JSONL input: one JSON object per line with a \"text\" field (other fields are ignored)." };
        var text = new Option<string>("--text") { Description = "A single text to tokenize." };
        var special = new Option<bool>("--special") { Description = "Add what the tokenizer adds by default (BOS/EOS, templates); without it no special tokens are added (add_special_tokens=False)." };
        var chat = new Option<bool>("--chat") { Description = "Render each input with the model's chat template first (add_generation_prompt=True) and print the rendered text too; JSONL lines may give \"messages\" instead of \"text\"." };
        var system = new Option<string>("--system") { Description = "With --chat: a system turn before each \"text\" input." };
        var command = new Command("tokenize", "Print the token ids and token strings of texts, one JSON line per text, as the model's tokenizer produces them.")
        {
            model, file, text, special, chat, system,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var inputFile = parse.GetValue(file);
            var inputText = parse.GetValue(text);
            if ((inputFile is null) == (inputText is null))
                throw new ArgumentException("give exactly one of --file F.jsonl or --text TEXT.");
            bool withSpecial = parse.GetValue(special), withChat = parse.GetValue(chat);
            string? systemText = parse.GetValue(system);
            if (withChat && withSpecial)
                throw new ArgumentException("--chat and --special exclude each other: the chat template writes the special tokens itself.");
            if (systemText is not null && !withChat)
                throw new ArgumentException("--system only applies with --chat.");
            string folder = ModelFolder(parse.GetValue(model)!);
            // Inputs and the template are checked before any output, so a bad line or template prints nothing.
            var texts = withChat
                ? Rendered(folder, inputFile is not null ? TokenizeChatInput.ReadJsonl(inputFile.FullName, systemText) : [TokenizeChatInput.OfText(inputText!, systemText)])
                : inputFile is not null ? TokenizeInput.ReadJsonl(inputFile.FullName) : [inputText!];
            ITextTokenizer tokenizer;
            try
            {
                tokenizer = TokenizerLoader.Load(folder);
            }
            catch (UnsupportedTokenizerException e)
            {
                throw new ArgumentException(e.Message, e);
            }

            try
            {
                foreach (string line in texts)
                    Console.Out.Write(JsonLine(tokenizer, line, withSpecial, withChat));
                Console.Out.Flush();
            }
            finally
            {
                (tokenizer as IDisposable)?.Dispose();
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A local folder wins; otherwise an org/name id is looked up in the Hugging Face cache.</summary>
    static string ModelFolder(string model)
    {
        string full = Path.GetFullPath(model);
        if (Directory.Exists(full))
            return full;
        if (!HubCache.IsModelId(model))
            throw new ArgumentException($"{full}: model folder not found.");
        try
        {
            return HubCache.FromEnvironment().Resolve(model);
        }
        catch (FileNotFoundException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>Each conversation rendered by the folder's chat template; no template, or one that fails, is an error.</summary>
    static List<string> Rendered(string folder, IReadOnlyList<JsonObject> conversations)
    {
        try
        {
            var template = ModelChatTemplate.Load(folder) ?? throw new ArgumentException(
                $"{folder}: the model has no chat template (looked for {ModelChatTemplate.JinjaFileName}, {ModelChatTemplate.JsonFileName} " +
                "and chat_template in tokenizer_config.json); tokenize without --chat.");
            return conversations.Select(c => template.Render(c)).ToList();
        }
        catch (ChatTemplateException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    static string JsonLine(ITextTokenizer tokenizer, string text, bool withSpecial, bool withText)
    {
        var (ids, tokens) = tokenizer switch
        {
            HfTokenizer hf => Tokens(withSpecial ? hf.EncodeWithSpecialTokens(text) : hf.Encode(text), hf.TokenOf),
            // A word-level vocabulary adds no special tokens by default.
            WordLevelTokenizer words => Tokens(words.Encode(text), words.TokenOf),
            _ => throw new InvalidOperationException($"tokenize has no token strings for {tokenizer.Format}."),
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (withText)
                writer.WriteString("text", text);
            writer.WriteStartArray("ids");
            foreach (int id in ids)
                writer.WriteNumberValue(id);
            writer.WriteEndArray();
            writer.WriteStartArray("tokens");
            foreach (string token in tokens)
                writer.WriteStringValue(token);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    static (IReadOnlyList<int> Ids, IEnumerable<string> Tokens) Tokens(IReadOnlyList<int> ids, Func<int, string> tokenOf) => (ids, ids.Select(tokenOf));
}
