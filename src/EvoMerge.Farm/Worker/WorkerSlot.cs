namespace EvoMerge.Farm.Worker;

/// <summary>
/// One evaluation slot of a worker: its index, the device it evaluates on (null: the CPU) and, on the CPU,
/// how many threads it may use.
/// </summary>
public sealed record WorkerSlot(int Index, string? Device, int Threads);
