using System.Globalization;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// The variables a slot's external commands run with. A GPU slot's command sees only that GPU (as its cuda:0):
/// <c>CUDA_VISIBLE_DEVICES</c> names it by the id the driver knows, translated through the worker's own
/// <c>CUDA_VISIBLE_DEVICES</c> when that is set (a local worker sees its GPUs renumbered from 0). A CPU slot's
/// command gets the slot's share of the threads, so slots running at once do not oversubscribe the cores.
/// </summary>
public static class SlotEnvironment
{
    public const string VisibleDevices = "CUDA_VISIBLE_DEVICES";

    /// <param name="workerVisibleDevices">The worker process's own <c>CUDA_VISIBLE_DEVICES</c> (null: unset).</param>
    /// <exception cref="FarmSetupException">The slot's GPU is not one the worker sees.</exception>
    public static IReadOnlyDictionary<string, string> For(WorkerSlot slot, string? workerVisibleDevices)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Device is { } device && device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!int.TryParse(device["cuda:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw new FarmSetupException($"slot {slot.Index}: '{device}' is not cuda:N.");
            var visible = workerVisibleDevices?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (visible is null || visible.Length == 0)
                return new Dictionary<string, string>(StringComparer.Ordinal) { [VisibleDevices] = index.ToString(CultureInfo.InvariantCulture) };
            if (index >= visible.Length)
                throw new FarmSetupException($"slot {slot.Index}: {device} is not among the {visible.Length} GPU(s) this worker sees ({VisibleDevices}={workerVisibleDevices}); give --devices from cuda:0 to cuda:{visible.Length - 1}.");
            return new Dictionary<string, string>(StringComparer.Ordinal) { [VisibleDevices] = visible[index] };
        }
        string threads = slot.Threads.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["OMP_NUM_THREADS"] = threads, ["MKL_NUM_THREADS"] = threads };
    }
}
