namespace EvoMerge.Runs.Storage.State;

/// <summary>Where a trial stands: asked and awaiting an outcome, or finished one way or the other.</summary>
public enum TrialStatus
{
    Pending,
    Completed,
    Failed,
}
