using System.Diagnostics;

namespace EvoMerge.Farm.Local;

/// <summary>
/// How to start an <c>evomerge worker</c> process: the executable and the arguments before <c>worker</c>
/// (the CLI's dll when it runs under the dotnet host).
/// </summary>
public sealed record WorkerLauncher(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>This very program: the search process starts its workers from its own binaries.</summary>
    public static WorkerLauncher Self()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown.");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        bool underDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return underDotnet && !string.IsNullOrEmpty(entry) ? new WorkerLauncher(host, [entry]) : new WorkerLauncher(host, []);
    }

    public ProcessStartInfo StartInfo(IEnumerable<string> workerArguments)
    {
        var info = new ProcessStartInfo(FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in LeadingArguments.Append("worker").Concat(workerArguments)) info.ArgumentList.Add(argument);
        return info;
    }
}
