using System.Runtime.InteropServices;

namespace EvoMerge.Core.IO;

/// <summary>
/// Whether this process may create entries in a folder, asked of the operating system (access(2)) so that
/// configuration can be checked before anything is written. Elsewhere than POSIX the answer is "yes" and
/// the error comes when the folder is written.
/// </summary>
public static partial class FolderAccess
{
    const int WriteOk = 2, ExecuteOk = 1;

    public static bool CanCreateEntriesIn(string folder) =>
        !PosixDirectory.IsPosix || Access(folder, WriteOk | ExecuteOk) == 0;

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);
}
