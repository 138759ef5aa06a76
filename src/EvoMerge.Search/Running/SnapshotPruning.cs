namespace EvoMerge.Search.Running;

/// <summary>
/// Keeps the newest snapshot files only: the journal replays everything after a snapshot (and everything
/// from the start when none is usable), so old snapshots would only fill the disk on long runs.
/// </summary>
internal static class SnapshotPruning
{
    public static void KeepNewest(string folder, int keep)
    {
        if (!Directory.Exists(folder)) return;
        var files = Directory.GetFiles(folder, "gen-*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var old in files.Take(Math.Max(0, files.Count - keep)))
        {
            try { File.Delete(old); }
            catch (IOException) { /* a reader may hold it; the next pruning retries */ }
        }
    }
}
