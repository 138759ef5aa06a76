namespace EvoMerge.Search.Tasks;

/// <summary>Which data a suite scores: the fitness data that drives selection, or the test data reported at the end.</summary>
public enum TaskSplit { Fitness, Test }
