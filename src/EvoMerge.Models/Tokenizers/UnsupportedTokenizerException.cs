namespace EvoMerge.Models.Tokenizers;

/// <summary>A model folder's tokenizer files are missing or in a format that cannot be loaded; the message names the file and what is supported.</summary>
public sealed class UnsupportedTokenizerException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string SupportedFormats =
        "supported: tokenizer.json (any model Hugging Face tokenizers reads), or vocab.json alone as an EvoMerge word-level vocabulary " +
        "(<pad>, <bos>, <eos>, <unk> at ids 0-3); for a model shipped only as tokenizer.model or vocab.json + merges.txt, write its " +
        "tokenizer.json with transformers: AutoTokenizer.from_pretrained(folder).save_pretrained(folder)";
}
