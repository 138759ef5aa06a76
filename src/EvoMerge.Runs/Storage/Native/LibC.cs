using System.Runtime.InteropServices;

namespace EvoMerge.Runs.Storage;

/// <summary>
/// The few POSIX calls .NET does not expose: flock on a descriptor .NET opened, and fsync of a
/// directory (.NET refuses to open directories as files). Used only on Linux and macOS.
/// </summary>
internal static partial class LibC
{
    private const string Library = "libc";

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int OpenReadOnly = 0;
    public const int Interrupted = 4;
    public const int InvalidArgument = 22;

    /// <summary>errno for "lock held elsewhere": EWOULDBLOCK is 11 on Linux, 35 on macOS and the BSDs.</summary>
    public static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    public static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fileDescriptor, int operation);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fileDescriptor);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);
}
