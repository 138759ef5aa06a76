namespace EvoMerge.Farm.Protocol;

/// <summary>
/// One unit of work handed to a slot: the coordinator's id for it (the trial id), the serialized trial and
/// how many times it was handed out before (a re-dispatch after a worker was lost counts one more).
/// </summary>
[GenerateSerializer]
public sealed record FarmJob(long Id, string Payload, int Attempt);
