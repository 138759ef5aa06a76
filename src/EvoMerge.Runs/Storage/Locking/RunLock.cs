using System.Runtime.InteropServices;
using System.Text;
using EvoMerge.Core.IO;

namespace EvoMerge.Runs.Storage;

/// <summary>
/// Keeps a second process from writing the same run folder. The lock is an OS lock on
/// <c>RUN_DIR/.lock</c>, which the kernel drops when the holding process ends in any way (kill -9
/// included), so a crash never leaves a stale lock. On Linux and macOS it is flock(2) LOCK_EX:
/// .NET takes it when a file is opened with <see cref="FileShare.None"/>, and we take it once more
/// explicitly because .NET skips it silently when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is set or the
/// call fails; on Windows, FileShare.None is enforced by the OS. The lock file is never deleted
/// (deleting it would let two processes lock different files of one name).
/// The holder also writes who it is to <c>.lock</c> (for people: cat ignores the lock) and to
/// <c>.lock.owner</c>, because .NET itself cannot read a file another process holds this way.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string LockFileName = ".lock";
    public const string OwnerFileName = ".lock.owner";

    private readonly FileStream _stream;
    private bool _disposed;

    private RunLock(string runFolder, FileStream stream, LockOwner owner)
    {
        RunFolder = runFolder;
        _stream = stream;
        Owner = owner;
    }

    public string RunFolder { get; }

    public string LockFilePath => Path.Combine(RunFolder, LockFileName);

    public LockOwner Owner { get; }

    /// <summary>Takes the lock at once or throws <see cref="RunFolderInUseException"/>; it never waits.</summary>
    public static RunLock Acquire(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        string directory = Path.GetFullPath(runFolder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Run folder '{directory}' does not exist.");
        }

        string lockPath = Path.Combine(directory, LockFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new RunFolderInUseException(directory, ReadOwner(directory), ex);
        }

        try
        {
            LockExplicitly(stream, directory);
            var owner = LockOwner.Current();
            string record = owner.ToJson();
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(record));
            AtomicFile.WriteAllText(Path.Combine(directory, OwnerFileName), record, fsync: false);
            return new RunLock(directory, stream, owner);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Removes the owner record while still holding the lock, then releases it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            File.Delete(Path.Combine(RunFolder, OwnerFileName));
        }
        catch (IOException)
        {
            // A stale record only affects a later message; the lock itself is released below.
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private static void LockExplicitly(FileStream stream, string directory)
    {
        if (!LibC.IsPosix)
        {
            return;
        }

        // Repeating LOCK_EX on the descriptor that already holds it succeeds; it matters only where .NET did not lock.
        int descriptor = (int)stream.SafeFileHandle.DangerousGetHandle();
        if (LibC.Flock(descriptor, LibC.LockExclusive | LibC.LockNonBlocking) == 0)
        {
            return;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno == LibC.WouldBlock)
        {
            throw new RunFolderInUseException(directory, ReadOwner(directory));
        }

        throw new IOException(
            $"Cannot lock '{Path.Combine(directory, LockFileName)}' (flock errno {errno}): run folders need a file system with file locks, so that two processes never write one run.");
    }

    /// <summary>Contention surfaces as EWOULDBLOCK (Unix errno in HResult) or a sharing/lock violation (Windows).</summary>
    private static bool IsHeldElsewhere(IOException ex)
    {
        if (LibC.IsPosix)
        {
            return ex.HResult == LibC.WouldBlock;
        }

        int code = ex.HResult & 0xFFFF;
        return code is 32 or 33;
    }

    private static LockOwner? ReadOwner(string directory)
    {
        try
        {
            return LockOwner.TryParse(File.ReadAllText(Path.Combine(directory, OwnerFileName)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
