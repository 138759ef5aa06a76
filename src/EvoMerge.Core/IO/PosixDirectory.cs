using System.Runtime.InteropServices;

namespace EvoMerge.Core.IO;

/// <summary>
/// The POSIX calls needed to fsync a directory, which .NET cannot open as a file. Used only on
/// Linux, macOS and FreeBSD (see <see cref="IsPosix"/>).
/// </summary>
internal static partial class PosixDirectory
{
    private const string Library = "libc";

    public const int OpenReadOnly = 0;
    public const int Interrupted = 4;
    public const int InvalidArgument = 22;

    public static bool IsPosix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fileDescriptor);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);
}
