namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Writes a file under a temporary name beside it and renames it into place, so readers never see half a file.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<string> writeTo)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Keep the extension last: some writers (image encoders) choose the format from it.
        string temp = Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(path)}.{Environment.ProcessId}.tmp{Path.GetExtension(path)}");
        try
        {
            writeTo(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text));
}
