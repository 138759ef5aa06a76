using System.Runtime.InteropServices;

namespace EvoMerge.Merging.Output;

/// <summary>
/// Moves a finished staging folder into place. An existing target is exchanged with it in one rename where
/// Linux allows (renameat2 RENAME_EXCHANGE), so readers see the old output or the new one, never neither;
/// elsewhere the old folder is moved aside first.
/// </summary>
internal static partial class FolderSwap
{
    const int AtCurrentDirectory = -100;
    const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    /// <summary>Puts <paramref name="staging"/> at <paramref name="target"/>; the previous content is deleted.</summary>
    public static void Replace(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (TryExchange(staging, target))
        {
            // The staging path now holds the old output.
            Directory.Delete(staging, recursive: true);
            return;
        }
        string old = staging + ".old";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }

    static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
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
