using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// Loads the tokenizer of a model folder. Tried in order: tokenizer.json (BPE), tokenizer.model
/// (SentencePiece protobuf, or a tiktoken rank file), vocab.json + merges.txt (GPT-2 byte-level BPE),
/// vocab.json alone (<see cref="WordLevelTokenizer"/>). A tokenizer.json that cannot be mapped falls
/// through to the other files; when none loads, the error names the files found and the formats supported.
/// </summary>
public static partial class TokenizerLoader
{
    public const string SentencePieceFile = "tokenizer.model";
    public const string MergesFile = "merges.txt";

    // The pre-tokenization regex of cl100k and Llama 3, used for tiktoken rank files.
    const string TiktokenPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static ITextTokenizer Load(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        if (!Directory.Exists(modelFolder))
            throw new DirectoryNotFoundException($"{modelFolder}: the model folder does not exist.");
        UnsupportedTokenizerException? jsonProblem = null;
        if (File.Exists(Path.Combine(modelFolder, HfTokenizerJson.FileName)))
        {
            try
            {
                return HfTokenizerJson.Load(modelFolder);
            }
            catch (UnsupportedTokenizerException e)
            {
                jsonProblem = e;
            }
        }

        string sentencePiece = Path.Combine(modelFolder, SentencePieceFile);
        if (File.Exists(sentencePiece))
            return IsTiktokenFile(sentencePiece) ? LoadTiktoken(modelFolder, sentencePiece) : LoadSentencePiece(modelFolder, sentencePiece);
        string vocab = Path.Combine(modelFolder, WordLevelTokenizer.FileName);
        if (File.Exists(vocab) && File.Exists(Path.Combine(modelFolder, MergesFile)))
            return LoadVocabAndMerges(modelFolder);
        if (File.Exists(vocab))
            return WordLevelTokenizer.Load(vocab);
        if (jsonProblem is not null)
            throw jsonProblem;
        throw new UnsupportedTokenizerException(
            $"{modelFolder}: no tokenizer file found (looked for {HfTokenizerJson.FileName}, {SentencePieceFile}, {WordLevelTokenizer.FileName}); " +
            $"{UnsupportedTokenizerException.SupportedFormats}.");
    }

    static MlTokenizer LoadSentencePiece(string folder, string path)
    {
        SentencePieceTokenizer tokenizer;
        try
        {
            using var stream = File.OpenRead(path);
            tokenizer = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new UnsupportedTokenizerException(
                $"{path}: not a loadable SentencePiece model ({e.Message}); {UnsupportedTokenizerException.SupportedFormats}.", e);
        }

        int? pad = SpecialTokenConfig.Resolve(folder, t => tokenizer.Vocabulary.TryGetValue(t, out int id) ? id : null).Pad;
        return new MlTokenizer(tokenizer, $"{SentencePieceFile} (SentencePiece)",
            NonNegative(tokenizer.BeginningOfSentenceId), NonNegative(tokenizer.EndOfSentenceId), pad);
    }

    static MlTokenizer LoadTiktoken(string folder, string path)
    {
        var special = SpecialTokenConfig.AddedTokens(folder);
        var specials = special.Count > 0 ? special : null;
        using var stream = File.OpenRead(path);
        var tokenizer = TiktokenTokenizer.Create(stream, new RegexPreTokenizer(new Regex(TiktokenPattern, RegexOptions.Compiled), specials), null, specials);
        var (bos, eos, pad) = SpecialTokenConfig.Resolve(folder, t => special.TryGetValue(t, out int id) ? id : null);
        return new MlTokenizer(tokenizer, $"{SentencePieceFile} (tiktoken)", bos, eos, pad);
    }

    static MlTokenizer LoadVocabAndMerges(string folder)
    {
        string vocabPath = Path.Combine(folder, WordLevelTokenizer.FileName);
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
            ?? throw new UnsupportedTokenizerException($"{vocabPath}: expected a JSON object of token to id.");
        var merges = File.ReadLines(Path.Combine(folder, MergesFile))
            .Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal))
            .ToList();
        var tokenizer = BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = RobertaPreTokenizer.Instance,
        });
        var (bos, eos, pad) = SpecialTokenConfig.Resolve(folder, t => vocab.TryGetValue(t, out int id) ? id : null);
        return new MlTokenizer(tokenizer, $"{WordLevelTokenizer.FileName} + {MergesFile} (byte-level BPE)", bos, eos, pad);
    }

    /// <summary>A tiktoken file is text lines "base64 rank"; a SentencePiece model is binary protobuf.</summary>
    static bool IsTiktokenFile(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var buffer = new char[256];
        int read = reader.ReadBlock(buffer, 0, buffer.Length);
        string start = new(buffer, 0, read);
        int newline = start.IndexOf('\n');
        return newline > 0 && TiktokenLine().IsMatch(start[..newline]);
    }

    static int? NonNegative(int id) => id >= 0 ? id : null;

    [GeneratedRegex(@"^[A-Za-z0-9+/]+={0,2} \d+\r?$")]
    private static partial Regex TiktokenLine();
}
