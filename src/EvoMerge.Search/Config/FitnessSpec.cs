using EvoMerge.Fitness.Racing;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>fitness:</c>, how candidates are scored cheaply (all off by default, which leaves a run exactly as
/// without the section). <see cref="Cache"/>: a candidate that decodes to the same model as an earlier
/// completed trial reuses its outcome. <see cref="Examples"/>: each task scores every candidate on the
/// same seeded (stratified where there are labels) subset of this many examples. <see cref="Racing"/>:
/// each generation is raced on growing slices of that seeded order (GenerationRace in Running/).
/// <see cref="Irt"/>: later trials are scored on anchor examples and get an IRT estimate. <see cref="RescoreTop"/>:
/// at the end, the best K trials are scored again on the whole fitness set and <c>best/</c> picks among them.
/// </summary>
public sealed record FitnessSpec(bool Cache = false, int? Examples = null, RacingOptions? Racing = null, IrtSpec? Irt = null, int? RescoreTop = null)
{
    public static FitnessSpec Default { get; } = new();

    public bool IsDefault => this == Default;
}
