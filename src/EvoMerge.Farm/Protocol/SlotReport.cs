namespace EvoMerge.Farm.Protocol;

/// <summary>
/// A slot's result for one job: the serialized outcome, how long the worker held the job (from receiving it to
/// sending this, so the rest of the lease is the farm's dispatch overhead) and how much of that it spent scoring
/// (the rest of a slot's time, merges included, is idle time for the evaluator's device).
/// </summary>
[GenerateSerializer]
public sealed record SlotReport(long JobId, string ResultPayload, double HeldSeconds, double ScoringSeconds);
