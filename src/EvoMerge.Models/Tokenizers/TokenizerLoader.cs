namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// Loads the tokenizer of a model folder: <c>tokenizer.json</c> through Hugging Face's tokenizers library
/// (<see cref="HfTokenizer"/>), else <c>vocab.json</c> alone as an EvoMerge word-level vocabulary
/// (<see cref="WordLevelTokenizer"/>). <c>tokenizer.model</c> and <c>vocab.json</c> + <c>merges.txt</c>
/// without a tokenizer.json are refused: their normalization and pre-tokenization rules live in each
/// model's Python class, not in the files, and guessing them gave wrong ids on real models.
/// </summary>
public static class TokenizerLoader
{
    public const string SentencePieceFile = "tokenizer.model";
    public const string MergesFile = "merges.txt";

    public static ITextTokenizer Load(string modelFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelFolder);
        if (!Directory.Exists(modelFolder))
            throw new DirectoryNotFoundException($"{modelFolder}: the model folder does not exist.");
        if (File.Exists(Path.Combine(modelFolder, TokenizerJson.FileName)))
            return HfTokenizer.Load(modelFolder);

        string vocab = Path.Combine(modelFolder, WordLevelTokenizer.FileName);
        if (File.Exists(Path.Combine(modelFolder, SentencePieceFile)))
            throw Refused(modelFolder, $"{SentencePieceFile} (SentencePiece or tiktoken)");
        if (File.Exists(vocab) && File.Exists(Path.Combine(modelFolder, MergesFile)))
            throw Refused(modelFolder, $"{WordLevelTokenizer.FileName} + {MergesFile}");
        if (File.Exists(vocab))
            return LoadWordLevel(vocab);
        throw new UnsupportedTokenizerException(
            $"{modelFolder}: no tokenizer file found (looked for {TokenizerJson.FileName}, {SentencePieceFile}, {WordLevelTokenizer.FileName}); " +
            $"{UnsupportedTokenizerException.SupportedFormats}.");
    }

    static WordLevelTokenizer LoadWordLevel(string vocab)
    {
        try
        {
            return WordLevelTokenizer.Load(vocab);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            string problem = e is ArgumentException ? e.Message : $"{vocab}: not valid JSON ({e.Message})";
            throw new UnsupportedTokenizerException($"{problem}; {UnsupportedTokenizerException.SupportedFormats}.", e);
        }
    }

    static UnsupportedTokenizerException Refused(string folder, string files) =>
        new($"{folder}: has {files} but no {TokenizerJson.FileName}; EvoMerge reads these files only through a tokenizer.json, " +
            $"because ids computed from them alone are not guaranteed to match the model's tokenizer. {UnsupportedTokenizerException.SupportedFormats}.");
}
