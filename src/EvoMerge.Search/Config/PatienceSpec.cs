namespace EvoMerge.Search.Config;

/// <summary>
/// <c>budget: {patience: {generations: G, min_delta: d}}</c>: the run ends once G generations in a row
/// have not improved the best objective by more than d (see <c>EvoMerge.Fitness.Stopping.Plateau</c>).
/// </summary>
public sealed record PatienceSpec(int Generations, double MinDelta);
