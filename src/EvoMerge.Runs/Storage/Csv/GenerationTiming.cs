using System.Globalization;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// The timing columns of one generations.csv row: wall-clock facts of how the generation was evaluated, summed
/// over its <see cref="GenerationTimed"/> stretches, and the workers named by its trials. A column with nothing
/// to go on (a journal from before these events, an evaluator that cannot tell its slot time) is empty. They
/// differ between runs that are otherwise equal, like trials.csv's <c>seconds</c> and <c>worker</c>.
/// </summary>
internal static class GenerationTiming
{
    public static readonly IReadOnlyList<string> Columns = ["seconds", "workers", "slots", "busy_slots", "trials_per_s", "idle_share"];

    public static IReadOnlyList<string> Cells(IReadOnlyList<TrialRecord> trials, IReadOnlyList<GenerationTimed> stretches)
    {
        // Reused outcomes (the score cache) were evaluated by nobody; "" is the worker of a trial every worker was lost on.
        int workers = trials.Where(t => t.Completion?.CachedFrom is null).Select(t => t.Worker)
            .Where(w => !string.IsNullOrEmpty(w)).Distinct(StringComparer.Ordinal).Count();
        string workerCell = workers == 0 ? "" : CsvText.Number(workers);
        double seconds = stretches.Sum(s => s.Seconds);
        if (stretches.Count == 0 || seconds <= 0)
        {
            return [stretches.Count == 0 ? "" : CsvText.Number(seconds), workerCell, "", "", "", ""];
        }

        double trialsPerSecond = stretches.Sum(s => s.Trials) / seconds;
        string slots = "", busySlots = "", idle = "";
        // A stretch without slot figures makes the generation's share unknowable, rather than skewed.
        if (stretches.All(s => s.SlotSeconds is not null))
        {
            double slotSeconds = stretches.Sum(s => s.SlotSeconds!.Value);
            double busySeconds = Math.Min(stretches.Sum(s => s.BusySeconds!.Value), slotSeconds);
            slots = Significant(slotSeconds / seconds);
            busySlots = Significant(busySeconds / seconds);
            idle = slotSeconds > 0 ? CsvText.Number(Math.Round(1 - busySeconds / slotSeconds, 4)) : "";
        }

        return [CsvText.Number(Math.Round(seconds, 3)), workerCell, slots, busySlots, Significant(trialsPerSecond), idle];
    }

    // Four significant digits: enough for a rate or a mean slot count, and a slow run's 0.0004167 trials/s keeps its digits.
    private static string Significant(double value) =>
        CsvText.Number(double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
