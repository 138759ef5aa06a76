using System.Runtime.InteropServices;

namespace EvoMerge.Evaluation.External;

/// <summary>
/// Starts a command as the leader of a new session and process group (through util-linux <c>setsid</c>), so
/// every process it starts, even one left running in the background, can be killed together with it.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;

    private static readonly string[] SetsidPaths = ["/usr/bin/setsid", "/bin/setsid"];

    /// <summary>The setsid program, or null (Windows, or a system without it: only the process tree is killed).</summary>
    public static string? Setsid => OperatingSystem.IsWindows() ? null : SetsidPaths.FirstOrDefault(File.Exists);

    /// <summary>
    /// Kills every process of the group <paramref name="leaderPid"/> leads. Our child is never a group leader,
    /// so setsid makes the new session in place and the child's pid is the group id.
    /// A group id is not reused while any member lives, so the signal cannot reach another program's group
    /// when children are left; when none are, it finds nobody.
    /// </summary>
    public static void KillAll(int leaderPid)
    {
        // ESRCH (nobody left) is the common, harmless outcome.
        _ = Kill(-leaderPid, SigKill);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
