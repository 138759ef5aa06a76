using EvoMerge.Dashboard.Live;

namespace EvoMerge.Dashboard.Web;

/// <summary>
/// The runs a dashboard shows, by name. Names are the folders' names, made unique with a suffix; a
/// request names a run only through this table, so no URL can reach a path outside the given folders.
/// </summary>
public sealed class RunCatalog
{
    private readonly Dictionary<string, LiveRun> _byName = new(StringComparer.Ordinal);

    public RunCatalog(IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var runs = new List<LiveRun>();
        foreach (string folder in folders)
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Run folder '{full}' does not exist.");
            if (runs.Any(r => r.Folder == full)) continue;
            string name = UniqueName(Path.GetFileName(full));
            var run = new LiveRun(full, name);
            _byName.Add(name, run);
            runs.Add(run);
        }

        if (runs.Count == 0) throw new ArgumentException("Give at least one run folder.");
        Runs = runs.AsReadOnly();
    }

    public IReadOnlyList<LiveRun> Runs { get; }

    public LiveRun? Find(string? name) => name is not null && _byName.TryGetValue(name, out var run) ? run : null;

    private string UniqueName(string folderName)
    {
        string name = string.IsNullOrEmpty(folderName) ? "run" : folderName;
        string candidate = name;
        for (int i = 2; _byName.ContainsKey(candidate); i++) candidate = $"{name}-{i}";
        return candidate;
    }
}
