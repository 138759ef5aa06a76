namespace EvoMerge.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <param name="nameSuffix">Appended to the folder's name, e.g. to test paths with spaces or quotes.</param>
    public TempFolder(string? nameSuffix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evomerge-tests-" + Guid.NewGuid().ToString("N") + nameSuffix);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public bool IsEmpty => !Directory.EnumerateFileSystemEntries(Path).Any();

    /// <summary>A path inside the folder (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="bytes"/> to the file <paramref name="name"/> in the folder; returns its path.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        string path = Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes each line followed by "\n" to the file <paramref name="name"/> in the folder; returns its path.</summary>
    public string WriteLines(string name, params string[] lines)
    {
        string path = Combine(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>The names of the files directly in the folder, in ordinal order.</summary>
    public IReadOnlyList<string> FileNames() =>
        Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A process a test started may still hold a file; the system cleans its temp folder eventually.
        }
    }
}
