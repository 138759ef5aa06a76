using System.Runtime.InteropServices;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Runs.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace EvoMerge.Runs.Storage.Locking;

/// <summary>
/// Keeps a second process from writing the same run folder. On Linux and macOS the lock is flock(2)
/// LOCK_EX on the run folder itself, which nobody deletes by tidying up, and which the kernel drops
/// when the holding process ends in any way (kill -9 included), so a crash never leaves a stale lock.
/// A second lock is taken on <c>RUN_DIR/.lock</c> (the lock on Windows, where FileShare.None is
/// enforced by the OS; on POSIX .NET takes flock when a file is opened with FileShare.None, and we take
/// it once more explicitly because .NET skips it silently when DOTNET_SYSTEM_IO_DISABLEFILELOCKING is
/// set). Deleting <c>.lock</c> therefore lets no second writer in on POSIX. The lock file is never
/// deleted by us. The holder also writes who it is to <c>.lock</c> (for people: cat ignores the lock)
/// and to <c>.lock.owner</c>, because .NET itself cannot read a file another process holds this way.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string LockFileName = ".lock";
    public const string OwnerFileName = ".lock.owner";

    private readonly FileStream _stream;
    private readonly SafeFileHandle? _folderHandle;
    private bool _disposed;

    private RunLock(string runFolder, SafeFileHandle? folderHandle, FileStream stream, LockOwner owner)
    {
        RunFolder = runFolder;
        _folderHandle = folderHandle;
        _stream = stream;
        Owner = owner;
    }

    public string RunFolder { get; }

    public string LockFilePath => Path.Combine(RunFolder, LockFileName);

    public LockOwner Owner { get; }

    /// <summary>How long a lock whose holder left no owner record is retried before it counts as held.</summary>
    private static readonly TimeSpan OwnerlessGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Takes the lock or throws <see cref="RunFolderInUseException"/>. A holder with an owner record is refused at
    /// once. A lock held with no record is retried for a moment: a process that has just released the lock (and
    /// removed its record) may still have its descriptors copied into a child it is starting, between fork and
    /// exec (close-on-exec applies only at exec), so the lock can outlive its release by that instant.
    /// </summary>
    public static RunLock Acquire(string runFolder)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return AcquireOnce(runFolder);
            }
            catch (RunFolderInUseException ex) when (ex.Holder is null && clock.Elapsed < OwnerlessGrace)
            {
                Thread.Sleep(20);
            }
        }
    }

    private static RunLock AcquireOnce(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        string directory = Path.GetFullPath(runFolder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Run folder '{directory}' does not exist.");
        }

        string lockPath = Path.Combine(directory, LockFileName);
        if (Directory.Exists(lockPath))
        {
            throw new IOException($"'{lockPath}' is a folder, but it must be the run's lock file; remove that folder (nothing of the run is in it) and try again.");
        }

        var folderHandle = LockFolder(directory);
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            folderHandle?.Dispose();
            throw new RunFolderInUseException(directory, ReadOwner(directory), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            folderHandle?.Dispose();
            throw new IOException($"Cannot open the lock file '{lockPath}': {ex.Message}", ex);
        }

        try
        {
            LockExplicitly(stream, directory);
            var owner = LockOwner.Current();
            string record = owner.ToJson();
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(record));
            AtomicFile.WriteAllText(Path.Combine(directory, OwnerFileName), record, fsync: false);
            return new RunLock(directory, folderHandle, stream, owner);
        }
        catch
        {
            stream.Dispose();
            folderHandle?.Dispose();
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
            _folderHandle?.Dispose();
        }
    }

    /// <summary>flock on the folder itself (POSIX); null elsewhere. Closing the handle releases it.</summary>
    private static SafeFileHandle? LockFolder(string directory)
    {
        if (!LibC.IsPosix)
        {
            return null;
        }

        int descriptor = LibC.Open(directory, LibC.OpenReadCloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the run folder '{directory}' to lock it (errno {Marshal.GetLastPInvokeError()}).");
        }

        var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
        if (LibC.Flock(descriptor, LibC.LockExclusive | LibC.LockNonBlocking) == 0)
        {
            return handle;
        }

        int errno = Marshal.GetLastPInvokeError();
        handle.Dispose();
        if (errno == LibC.WouldBlock)
        {
            throw new RunFolderInUseException(directory, ReadOwner(directory));
        }

        throw new IOException($"Cannot lock the run folder '{directory}' (flock errno {errno}): run folders need a file system with file locks, so that two processes never write one run.");
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
