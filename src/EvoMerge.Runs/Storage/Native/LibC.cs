using System.Runtime.InteropServices;

namespace EvoMerge.Runs.Storage.Native;

/// <summary>
/// flock on a descriptor .NET opened, which .NET does not expose, and open(2) of a folder (to lock it).
/// Used only on Linux and macOS.
/// (Directory fsync lives with the atomic file writer in EvoMerge.Core.IO.)
/// </summary>
internal static partial class LibC
{
    private const string Library = "libc";

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    /// <summary>errno for "lock held elsewhere": EWOULDBLOCK is 11 on Linux, 35 on macOS and the BSDs.</summary>
    public static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    public static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>O_RDONLY | O_CLOEXEC: a folder descriptor child processes (evaluator commands) do not inherit.</summary>
    public static int OpenReadCloseOnExec => OperatingSystem.IsLinux() ? 0x80000 : 0x1000000;

    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fileDescriptor, int operation);
}
