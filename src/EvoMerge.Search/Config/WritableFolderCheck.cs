namespace EvoMerge.Search.Config;

/// <summary>
/// Whether a folder can hold new files: it exists and a file can be created in it. Checked when the config
/// (<c>scratch:</c>, <c>output:</c>) or <c>--scratch</c> is read, so a typo or a read-only mount stops the run
/// before the first trial, not in it.
/// </summary>
public static class WritableFolderCheck
{
    /// <summary>Null when <paramref name="folder"/> is usable, else what is wrong and what to do.</summary>
    public static string? Problem(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (File.Exists(folder))
            return $"{folder} is a file; give an existing folder.";
        if (!Directory.Exists(folder))
            return $"folder {folder} not found; create it or give an existing folder (relative paths resolve against the directory the command runs in).";
        string probe = Path.Combine(folder, $".evomerge-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot create files in {folder} ({e.Message}); give a folder you can write to.";
        }
    }
}
