namespace EvoMerge.Optimizers.Genetic.Termination;

/// <summary>
/// What a termination may look at. <see cref="Generations"/> counts completed generations (every
/// candidate told), <see cref="Evaluations"/> every told outcome including failures,
/// <see cref="BestFitness"/> the best completed value so far (first objective; null before any
/// success), <see cref="StagnantGenerations"/> completed generations in a row that did not improve it.
/// </summary>
public sealed record TerminationProgress(int Generations, long Evaluations, double? BestFitness, int StagnantGenerations);
