namespace EvoMerge.Models.Tokenizers;

/// <summary>Text to token ids and back, with the ids of the special tokens a model folder declares.</summary>
public interface ITextTokenizer
{
    /// <summary>Which file and format it was loaded from, e.g. "tokenizer.json (Hugging Face tokenizers, BPE)".</summary>
    string Format { get; }

    /// <summary>Token ids of the text, without beginning/end-of-sequence tokens (add them explicitly).</summary>
    IReadOnlyList<int> Encode(string text);

    /// <summary>Text of the ids; special tokens are skipped where the underlying format allows it.</summary>
    string Decode(IEnumerable<int> ids);

    int? BosTokenId { get; }
    int? EosTokenId { get; }
    int? PadTokenId { get; }

    /// <summary>
    /// Ids that end generation: the model's end-of-sequence token plus every id of generation_config.json's
    /// <c>eos_token_id</c> (chat models stop on end-of-turn tokens as well).
    /// </summary>
    IReadOnlyList<int> StopTokenIds => EosTokenId is { } eos ? [eos] : [];
}
