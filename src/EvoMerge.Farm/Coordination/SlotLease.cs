using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Coordination;

/// <summary>A job out on a slot: who holds it, since when, and the job as handed out.</summary>
sealed record SlotLease(FarmJob Job, string Token, int Slot, DateTimeOffset Since);
