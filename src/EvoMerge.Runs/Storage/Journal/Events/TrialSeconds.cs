namespace EvoMerge.Runs.Storage.Journal.Events;

/// <summary>Wall time of a trial: finite and not negative.</summary>
internal static class TrialSeconds
{
    public static void Validate(long trialId, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"Trial {trialId}: seconds must be finite and not negative.");
        }
    }
}
