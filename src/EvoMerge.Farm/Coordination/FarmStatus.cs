namespace EvoMerge.Farm.Coordination;

/// <summary>
/// The farm at one moment, for the live display and generations.csv: workers joined, slots they offer, slots
/// holding a job, jobs finished so far, and the share of slot time spent without a job since the farm started.
/// </summary>
public sealed record FarmStatus(int Workers, int Slots, int BusySlots, long Completed, double IdleShare, double DispatchMilliseconds);
