using System.Runtime.InteropServices;

namespace EvoMerge.Core.IO;

/// <summary>
/// Makes a directory's entries (a created or renamed file) durable. On Linux and macOS the directory
/// is opened read-only with open(2) and fsync(2)'d, because a rename is only on disk once its
/// directory is. On Windows this is a no-op: .NET cannot open a directory handle for flushing there,
/// and NTFS journals its metadata.
/// </summary>
public static class DirectorySync
{
    public static void Flush(string directory)
    {
        if (!PosixDirectory.IsPosix)
        {
            return;
        }

        int descriptor = PosixDirectory.Open(directory, PosixDirectory.OpenReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory '{directory}' to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            int result;
            do
            {
                result = PosixDirectory.Fsync(descriptor);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == PosixDirectory.Interrupted);

            // Some file systems cannot fsync directories (EINVAL); their renames are as durable as they get.
            if (result != 0 && Marshal.GetLastPInvokeError() is var errno && errno != PosixDirectory.InvalidArgument)
            {
                throw new IOException($"Cannot flush directory '{directory}' to disk (errno {errno}).");
            }
        }
        finally
        {
            PosixDirectory.Close(descriptor);
        }
    }
}
