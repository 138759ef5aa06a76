namespace EvoMerge.Farm.Coordination;

/// <summary>
/// How one job ended: the worker's serialized result, or (when every attempt was lost to infrastructure
/// failures) the reason it could not be evaluated. <see cref="Worker"/> names who delivered it.
/// </summary>
public sealed record FarmOutcome(long Id, string? Payload, string? InfrastructureFailure, string Worker, int Attempts);
