namespace EvoMerge.Search.Tasks;

/// <summary>Whether a task is part of the weighted sum (objective <c>weighted_sum</c>) or an objective of its own.</summary>
public enum TaskRole { WeightedSum, Objective }
