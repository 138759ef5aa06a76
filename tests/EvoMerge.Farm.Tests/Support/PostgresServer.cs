using System.Diagnostics;
using System.Globalization;
using System.Net;
using EvoMerge.Farm.Cluster;
using EvoMerge.TestSupport;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A real PostgreSQL 15 server (Debian's postgresql; .ci/run installs it) in a fresh data folder on a free
/// loopback port, with trust authentication for the user <see cref="User"/>; stopped and deleted when disposed.
/// PostgreSQL refuses to run as root, so as root it runs as Debian's <c>postgres</c> account.
/// </summary>
sealed class PostgresServer : IDisposable
{
    const string Binaries = "/usr/lib/postgresql/15/bin";
    public const string User = "farm";
    readonly TempFolder folder = new("evomerge-pg");
    readonly string data;
    readonly bool asPostgresUser = Environment.UserName == "root";

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(Binaries, "pg_ctl")))
            throw new InvalidOperationException($"{Binaries}/pg_ctl is missing: install Debian's postgresql (apt-get install postgresql; .ci/run does).");
        data = folder.Combine("data");
        var sockets = folder.Combine("sockets");
        Directory.CreateDirectory(sockets);
        if (asPostgresUser) Run("/bin/chown", "-R", "postgres:postgres", folder.Path);
        Port = FreePort.On(IPAddress.Loopback);
        Run(Tool("initdb"), "-D", data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8");
        Run(Tool("pg_ctl"), "-D", data, "-w", "-t", "60", "-l", Path.Combine(folder.Path, "server.log"), "start", "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off");
        var clock = Stopwatch.StartNew();
        while (!LoopbackPort.Accepts(Port))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new InvalidOperationException($"PostgreSQL did not start on port {Port}.");
            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    /// <summary>The farm's URL for the server's default database.</summary>
    public string Url(string cluster) => $"postgres://{User}@127.0.0.1:{Port}/postgres?cluster={cluster}";

    string Tool(string name) => Path.Combine(Binaries, name);

    void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(asPostgresUser && file != "/bin/chown" ? "/usr/sbin/runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser && file != "/bin/chown")
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) info.ArgumentList.Add(a);
        }
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }

    public void Dispose()
    {
        try { Run(Tool("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { }
        folder.Dispose();
    }
}
