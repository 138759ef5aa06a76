namespace EvoMerge.Search.Trials;

/// <summary>
/// Reads how busy the slots that evaluate a run's trials have been (a farm's workers, or this process), so each
/// generation's idle share and busy slots can be journaled for generations.csv.
/// </summary>
public interface ISlotGauge
{
    /// <summary>The totals now; the run subtracts the reading at a generation's start from the one at its end.</summary>
    SlotUsage Read();
}
