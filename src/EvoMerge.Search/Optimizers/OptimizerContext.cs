using EvoMerge.Core.Optimization;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// What an optimizer is built from besides its settings: the genome's boxes and starting point, the number of
/// objectives and of per-example scores per candidate, the run seed, and the space's source seeds and gene domains when it has them.
/// </summary>
public sealed record OptimizerContext(Bounds Bounds, double[] X0, int Objectives, int Examples, ulong Seed, ISourceSeeds? SourceSeeds, IGeneDomains? GeneDomains = null);
