namespace EvoMerge.Evaluation.External;

/// <summary>A fresh folder for one evaluation, deleted with everything in it on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    private readonly Action<string>? _log;

    private ScratchFolder(string path, Action<string>? log)
    {
        Path = path;
        _log = log;
    }

    public string Path { get; }

    public static ScratchFolder Create(string root, Action<string>? log)
    {
        var path = System.IO.Path.Combine(root, "evomerge-eval-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new ScratchFolder(path, log);
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (TryDelete())
        {
            return;
        }

        // A command may leave folders without write permission; restore it and try once more.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var folder in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (!TryDelete())
        {
            _log?.Invoke($"could not delete the scratch folder {Path}; delete it by hand.");
        }
    }

    private bool TryDelete()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
