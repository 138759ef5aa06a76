using System.Text;

namespace EvoMerge.Core.IO;

/// <summary>
/// Replaces a file all at once: the content goes to a temporary file in the same folder, which is
/// renamed over the target only after it was written completely. Readers see the old file or the new
/// one, never a part. With <c>fsync</c> the temporary file is flushed to disk before the rename and
/// the folder after it (see <see cref="DirectorySync"/>), so the new content survives a power loss.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content, bool fsync)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAllBytes(path, Utf8NoBom.GetBytes(content), fsync);
    }

    public static void WriteAllBytes(string path, byte[] content, bool fsync)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, stream => stream.Write(content), fsync);
    }

    /// <summary>
    /// Lets <paramref name="writeContent"/> fill the new file. If it throws, the target keeps its old
    /// content (or stays absent) and the temporary file is removed.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent, bool fsync)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' names no file inside a folder.", nameof(path));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write '{target}': its folder does not exist.");
        }

        string temporary = TemporaryPathFor(target);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: fsync);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        if (fsync)
        {
            DirectorySync.Flush(directory);
        }
    }

    /// <summary>Hidden, unique per call, so concurrent writers and leftovers of a crash never collide.</summary>
    private static string TemporaryPathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    /// <summary>Cleanup on an error path must not hide the original error.</summary>
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
