namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// A token sequence of which the tokens <c>[ContinuationStart, Ids.Length)</c> are scored, each given everything
/// before it. <see cref="ContinuationStart"/> is at least 1: the first token has nothing to be predicted from.
/// </summary>
internal sealed record ScoringRequest(long[] Ids, int ContinuationStart)
{
    public int ContinuationLength => Ids.Length - ContinuationStart;
}
