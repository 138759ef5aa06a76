using System.Diagnostics;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

/// <summary>
/// Times the stretch of one generation this process runs, from its ask to its tell: the trials it journals
/// outcomes for (reused cache outcomes aside) and, with a gauge, the slot time offered and spent scoring.
/// </summary>
sealed class GenerationClock
{
    readonly int _generation;
    readonly ISlotGauge? _gauge;
    readonly SlotUsage? _start;
    readonly long _started = Stopwatch.GetTimestamp();
    int _trials;

    public GenerationClock(int generation, ISlotGauge? gauge)
    {
        _generation = generation;
        _gauge = gauge;
        _start = gauge?.Read();
    }

    /// <summary>Counts the outcome events this process journals for the generation.</summary>
    public void Saw(JournalEvent journalEvent)
    {
        if (journalEvent is TrialCompleted { CachedFrom: null } completed && completed.Generation == _generation
            || journalEvent is TrialFailed failed && failed.Generation == _generation)
            _trials++;
    }

    /// <summary>The stretch as a journal event; null when it evaluated nothing (a generation only replayed from the journal).</summary>
    public GenerationTimed? Stop()
    {
        if (_trials == 0) return null;
        // The gauge was first read after the clock started and is last read before it stops, so the slot time
        // falls within the stretch: slot seconds over seconds never exceeds the slots there were.
        var usage = _start is null ? null : _gauge!.Read().Since(_start);
        double seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        return new GenerationTimed(_generation, seconds, _trials, usage?.SlotSeconds, usage?.BusySeconds);
    }
}
