using System.Diagnostics;
using System.Net;
using EvoMerge.Farm.Cluster;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A real redis-server (Debian's; .ci/run installs it) on a free loopback port, without persistence, for the
/// membership tests; stopped when disposed.
/// </summary>
sealed class RedisServer : IDisposable
{
    readonly Process process;

    public RedisServer()
    {
        const string binary = "/usr/bin/redis-server";
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is missing: install Debian's redis-server (apt-get install redis-server; .ci/run does).");
        Port = FreePort.On(IPAddress.Loopback);
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            info.ArgumentList.Add(argument);
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!LoopbackPort.Accepts(Port))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new InvalidOperationException($"redis-server did not start on port {Port}.");
            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
    }
}
