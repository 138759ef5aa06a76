using System.Net;

namespace EvoMerge.Dashboard.Web;

/// <summary>
/// Where the dashboard listens and who may read it. Listening beyond the loopback interface needs a
/// token, because the pages show file paths and recipes; port 0 picks a free port.
/// </summary>
public sealed record DashboardOptions
{
    public const int DefaultPort = 8080;
    public const string DefaultHost = "127.0.0.1";

    public string Host { get; init; } = DefaultHost;

    public int Port { get; init; } = DefaultPort;

    public string? Token { get; init; }

    /// <summary>How often a run's journal length is checked when no file-change notice came (a cheap stat).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and what to do.</summary>
    public IPAddress Validate()
    {
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"--port {Port}: a port is 0 to 65535 (0 picks a free one).");
        if (Token is not null && (Token.Length < 8 || Token.Any(char.IsWhiteSpace)))
            throw new ArgumentException("--token: use at least 8 characters without spaces (e.g. `openssl rand -hex 16`).");
        IPAddress address = Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(Host, out var parsed)
                ? parsed
                : throw new ArgumentException($"--host '{Host}': give an IP address to listen on (127.0.0.1, ::1, 0.0.0.0) or localhost.");
        if (!IPAddress.IsLoopback(address) && Token is null)
            throw new ArgumentException(
                $"--host {Host} lets other machines read your runs: add --token T (a secret they must put in the URL), or keep 127.0.0.1 and use an SSH tunnel.");
        return address;
    }
}
