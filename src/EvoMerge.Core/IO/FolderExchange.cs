using System.Runtime.InteropServices;

namespace EvoMerge.Core.IO;

/// <summary>
/// Swaps two folders in one rename where Linux allows it (renameat2 with RENAME_EXCHANGE), so a reader of
/// the target sees the old content or the new one, never neither.
/// </summary>
internal static partial class FolderExchange
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    /// <summary>False where the call is missing (not Linux, old libc) or refused (e.g. a file system without it); nothing moved then.</summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
