using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EvoMerge.Cli.Terminal;
using EvoMerge.Models.HuggingFace;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// `evomerge tokenize MODEL (--file F.jsonl | --text TEXT) [--special]`: one line {"ids": [...], "tokens": [...]}
/// per input text on stdout, in input order, with the tokenizer the language evaluator uses for that model.
/// </summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model folder (tokenizer.json, or an EvoMerge vocab.json), or a Hugging Face id org/name found in the local cache ($HF_HOME/hub)." };
        var file = new Option<FileInfo>("--file") { Description = "JSONL input: one JSON object per line with a \"text\" field (other fields are ignored)." };
        var text = new Option<string>("--text") { Description = "A single text to tokenize." };
        var special = new Option<bool>("--special") { Description = "Add what the tokenizer adds by default (BOS/EOS, templates); without it no special tokens are added (add_special_tokens=False)." };
        var command = new Command("tokenize", "Print the token ids and token strings of texts, one JSON line per text, as the model's tokenizer produces them.")
        {
            model, file, text, special,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var inputFile = parse.GetValue(file);
            var inputText = parse.GetValue(text);
            if ((inputFile is null) == (inputText is null))
                throw new ArgumentException("give exactly one of --file F.jsonl or --text TEXT.");
            var texts = inputFile is not null ? TokenizeInput.ReadJsonl(inputFile.FullName) : [inputText!];
            string folder = ModelFolder(parse.GetValue(model)!);
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
                bool withSpecial = parse.GetValue(special);
                foreach (string line in texts)
                    Console.Out.Write(JsonLine(tokenizer, line, withSpecial));
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

    static string JsonLine(ITextTokenizer tokenizer, string text, bool withSpecial)
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
