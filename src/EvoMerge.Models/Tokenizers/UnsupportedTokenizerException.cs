namespace EvoMerge.Models.Tokenizers;

/// <summary>A model folder's tokenizer files are missing or in a format that cannot be loaded; the message names the file and what is supported.</summary>
public sealed class UnsupportedTokenizerException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string SupportedFormats =
        "supported: tokenizer.json with a BPE model (byte-level, Whitespace, WhitespaceSplit or Split-regex pre-tokenizers, no normalizer, no byte fallback); " +
        "tokenizer.model as a SentencePiece protobuf (BPE or Unigram) or as a tiktoken rank file; " +
        "vocab.json + merges.txt (GPT-2 byte-level BPE); vocab.json alone (EvoMerge word-level)";
}
