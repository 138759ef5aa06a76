namespace EvoMerge.Fitness.Racing;

/// <summary>One candidate's next slice of a race: positions <c>[From, To)</c> of the fitness order.</summary>
public readonly record struct RaceSlice(int Candidate, int From, int To);
