using System.Diagnostics;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Locking;

namespace EvoMerge.Runs.Tests;

public class RunLockTests
{
    [Fact]
    public void A_second_acquire_in_the_same_process_fails_naming_the_holder_pid_and_host()
    {
        using var folder = new TempFolder();
        using var held = RunLock.Acquire(folder.Path);

        var error = Assert.Throws<RunFolderInUseException>(() => RunLock.Acquire(folder.Path));

        Assert.Equal(Environment.ProcessId, error.Holder!.ProcessId);
        Assert.Contains($"process {Environment.ProcessId} on host {Environment.MachineName} since ", error.Message);
        Assert.Contains("released automatically", error.Message);
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void A_lock_held_without_an_owner_record_for_a_moment_is_waited_for_not_refused()
    {
        // What a child between fork and exec looks like: the folder's flock held, no owner record, released soon.
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock")) return;
        using var folder = new TempFolder();
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-x", folder.Path, "sleep", "0.5"]))!;
        var deadline = Stopwatch.StartNew();
        while (!IsFlockedByAnother(folder.Path) && deadline.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        Assert.True(IsFlockedByAnother(folder.Path), "the helper process should hold the folder's lock");

        using var taken = RunLock.Acquire(folder.Path);

        Assert.True(holder.WaitForExit(10_000));
    }

    static bool IsFlockedByAnother(string path)
    {
        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["-n", "-x", path, "true"]))!;
        probe.WaitForExit();
        return probe.ExitCode != 0;
    }

    [Fact]
    public void Releasing_lets_the_next_holder_in_and_removes_the_owner_record()
    {
        using var folder = new TempFolder();
        var first = RunLock.Acquire(folder.Path);
        Assert.Equal(Environment.ProcessId, LockOwner.TryParse(File.ReadAllText(Path.Combine(folder.Path, RunLock.OwnerFileName)))!.ProcessId);

        first.Dispose();

        Assert.False(File.Exists(Path.Combine(folder.Path, RunLock.OwnerFileName)));
        Assert.True(File.Exists(first.LockFilePath));
        using var second = RunLock.Acquire(folder.Path);
        Assert.Equal(Environment.ProcessId, second.Owner.ProcessId);
    }

    [Fact]
    public void The_lock_file_itself_holds_the_owner_record_for_people()
    {
        using var folder = new TempFolder();
        using var held = RunLock.Acquire(folder.Path);

        // cat does not take flock locks, unlike .NET's own file reading.
        string text = RunProcess("cat", held.LockFilePath).Output;

        Assert.Equal(held.Owner, LockOwner.TryParse(text));
    }

    [Fact]
    public void Deleting_the_lock_file_lets_no_second_writer_in()
    {
        using var folder = new TempFolder();
        using var held = RunLock.Acquire(folder.Path);

        File.Delete(held.LockFilePath);

        Assert.Throws<RunFolderInUseException>(() => RunLock.Acquire(folder.Path));
        // The kernel lock is on the folder itself, which another process cannot take either.
        Assert.Equal(1, RunProcess("flock", "-x", "-n", folder.Path, "true").ExitCode);
    }

    [Fact]
    public void A_folder_in_place_of_the_lock_file_is_a_clear_error()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, RunLock.LockFileName));

        var error = Assert.Throws<IOException>(() => RunLock.Acquire(folder.Path));

        Assert.Contains("is a folder", error.Message);
        Directory.Delete(Path.Combine(folder.Path, RunLock.LockFileName));
        using var afterward = RunLock.Acquire(folder.Path);
    }

    [Fact]
    public void Another_process_cannot_take_the_kernel_lock_while_we_hold_it()
    {
        using var folder = new TempFolder();
        string lockPath = Path.Combine(folder.Path, RunLock.LockFileName);
        var held = RunLock.Acquire(folder.Path);

        Assert.Equal(1, RunProcess("flock", "-x", "-n", lockPath, "true").ExitCode);

        held.Dispose();
        Assert.Equal(0, RunProcess("flock", "-x", "-n", lockPath, "true").ExitCode);
    }

    [Fact]
    public void A_lock_held_by_another_process_is_refused_and_released_when_that_process_is_killed()
    {
        using var folder = new TempFolder();
        using var holder = new LockHolderProcess(Path.Combine(folder.Path, RunLock.LockFileName), Path.Combine(folder.Path, RunLock.OwnerFileName));

        var error = Assert.Throws<RunFolderInUseException>(() => RunLock.Acquire(folder.Path));
        Assert.Equal(holder.ProcessId, error.Holder!.ProcessId);
        Assert.Contains($"process {holder.ProcessId} on host child-host since 2024-05-06 07:08:09 UTC", error.Message);

        holder.KillHard();

        using var taken = RunLock.Acquire(folder.Path);
        Assert.Equal(Environment.ProcessId, taken.Owner.ProcessId);
    }

    [Fact]
    public void Without_an_owner_record_the_message_still_explains()
    {
        using var folder = new TempFolder();
        using var held = RunLock.Acquire(folder.Path);
        File.Delete(Path.Combine(folder.Path, RunLock.OwnerFileName));

        var error = Assert.Throws<RunFolderInUseException>(() => RunLock.Acquire(folder.Path));

        Assert.Null(error.Holder);
        Assert.Contains("another process", error.Message);
    }

    [Fact]
    public void Locking_a_missing_folder_fails_clearly()
    {
        using var folder = new TempFolder();

        Assert.Throws<DirectoryNotFoundException>(() => RunLock.Acquire(folder.Combine("missing")));
    }

    private static (int ExitCode, string Output) RunProcess(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
