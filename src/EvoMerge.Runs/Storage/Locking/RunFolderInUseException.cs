namespace EvoMerge.Runs.Storage.Locking;

/// <summary>Another process holds the run folder's lock.</summary>
public sealed class RunFolderInUseException(string runFolder, LockOwner? holder, Exception? inner = null)
    : IOException(Describe(runFolder, holder), inner)
{
    public string RunFolder { get; } = runFolder;

    /// <summary>The holder's own record; null if it was missing or unreadable.</summary>
    public LockOwner? Holder { get; } = holder;

    private static string Describe(string runFolder, LockOwner? holder)
    {
        string who = holder?.ToString() ?? $"another process (its record {RunLock.OwnerFileName} is missing or unreadable)";
        return $"Run folder '{runFolder}' is in use by {who}. If that process is gone, the lock is released automatically "
            + $"(it is an operating-system lock on the run folder and its {RunLock.LockFileName} that ends with its process): just try again.";
    }
}
