using Microsoft.ML.Tokenizers;

namespace EvoMerge.Models.Tokenizers;

/// <summary>An <see cref="ITextTokenizer"/> over a Microsoft.ML.Tokenizers tokenizer.</summary>
public sealed class MlTokenizer : ITextTokenizer
{
    public MlTokenizer(Tokenizer inner, string format, int? bosTokenId, int? eosTokenId, int? padTokenId)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(format);
        Inner = inner;
        Format = format;
        BosTokenId = bosTokenId;
        EosTokenId = eosTokenId;
        PadTokenId = padTokenId;
    }

    /// <summary>The Microsoft.ML.Tokenizers object, for what this interface does not cover.</summary>
    public Tokenizer Inner { get; }

    public string Format { get; }
    public int? BosTokenId { get; }
    public int? EosTokenId { get; }
    public int? PadTokenId { get; }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // SentencePiece adds BOS by default in its own overload; ask for neither.
        return Inner is SentencePieceTokenizer sentencePiece
            ? sentencePiece.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false)
            : Inner.EncodeToIds(text);
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Inner is SentencePieceTokenizer sentencePiece
            ? sentencePiece.Decode(ids, considerSpecialTokens: false)
            : Inner.Decode(ids) ?? "";
    }
}
