namespace EvoMerge.Fitness.Irt;

/// <summary>
/// The three estimates of one model's full-set accuracy from its anchor answers, with the ability
/// <see cref="Theta"/> fitted to those answers and the gp-IRT mixing weight <see cref="Lambda"/>
/// (the share given to the weighted anchor estimate).
/// </summary>
public sealed record AnchorEstimates(AccuracyEstimate Weighted, AccuracyEstimate PIrt, AccuracyEstimate GpIrt, double Theta, double Lambda);
