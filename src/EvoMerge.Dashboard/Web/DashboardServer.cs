using System.Buffers;
using System.Text;
using System.Text.Json;
using EvoMerge.Dashboard.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvoMerge.Dashboard.Web;

/// <summary>
/// The dashboard's web server: the page, its files, and per run the trial points as Server-Sent
/// Events (the whole list once, then what each journal refresh adds), a trial's detail, gene
/// importance and the cross-run hypervolume curves. One follower per run refreshes it when the
/// journal changes (file-change notices, and a cheap length check as a fallback).
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RunFollower> _followers;

    private DashboardServer(WebApplication app, RunCatalog catalog, List<RunFollower> followers, Uri url)
    {
        _app = app;
        Catalog = catalog;
        _followers = followers;
        Url = url;
    }

    public RunCatalog Catalog { get; }

    /// <summary>The page's address, with the token when one is required.</summary>
    public Uri Url { get; }

    public static async Task<DashboardServer> StartAsync(IReadOnlyList<string> runFolders, DashboardOptions options, ITrialDescriber? describer = null)
    {
        ArgumentNullException.ThrowIfNull(runFolders);
        ArgumentNullException.ThrowIfNull(options);
        var address = options.Validate();
        var catalog = new RunCatalog(runFolders);
        foreach (var run in catalog.Runs) run.Refresh();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, options.Port));
        var app = builder.Build();
        var gate = new RequestGate(options.Token);
        app.Use(gate.Invoke);
        MapEndpoints(app, catalog, describer);
        await app.StartAsync();

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(bound).Port;
        string host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        if (address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any)) host = System.Net.Dns.GetHostName();
        var url = new Uri($"http://{host}:{port}/" + (options.Token is null ? "" : $"?token={Uri.EscapeDataString(options.Token)}"));
        var followers = catalog.Runs.Select(r => RunFollower.Start(r, options.PollInterval)).ToList();
        return new DashboardServer(app, catalog, followers, url);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled or the host stops (SIGTERM, SIGINT).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, _app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var follower in _followers) await follower.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stop.Dispose();
    }

    private static void MapEndpoints(WebApplication app, RunCatalog catalog, ITrialDescriber? describer)
    {
        app.MapGet("/", (HttpContext c) => File(c, "index.html"));
        app.MapGet("/assets/{name}", (HttpContext c, string name) => File(c, name));
        app.MapGet("/api/runs", (HttpContext c) => Json(c, w =>
        {
            w.WriteStartArray();
            foreach (var run in catalog.Runs) Payloads.Run(w, run);
            w.WriteEndArray();
        }));
        app.MapGet("/api/runs/{run}/points", (HttpContext c, string run, int? from) => WithRun(c, catalog, run, r =>
        {
            var (points, cursor) = r.PointsFrom(from ?? 0);
            return Json(c, w => Payloads.Points(w, points, cursor, r.Finished));
        }));
        app.MapGet("/api/runs/{run}/stream", (HttpContext c, string run, int? from) => WithRun(c, catalog, run, r => Stream(c, r, from ?? 0)));
        app.MapGet("/api/runs/{run}/trials/{id:long}", (HttpContext c, string run, long id) => WithRun(c, catalog, run, r =>
            r.Find(id) is { } point
                ? Json(c, w => Payloads.Detail(w, r, point, describer))
                : Text(c, StatusCodes.Status404NotFound, $"Run '{r.Name}' has no finished trial {id}.")));
        app.MapGet("/api/runs/{run}/importance", (HttpContext c, string run) => WithRun(c, catalog, run, r => Json(c, w => Payloads.Importance(w, r))));
        app.MapGet("/api/compare", (HttpContext c) => Json(c, w => Payloads.Comparison(w, catalog.Runs)));
        app.MapFallback((HttpContext c) => Text(c, StatusCodes.Status404NotFound, "Not found."));
    }

    private static Task WithRun(HttpContext c, RunCatalog catalog, string name, Func<LiveRun, Task> respond) =>
        catalog.Find(name) is { } run ? respond(run) : Text(c, StatusCodes.Status404NotFound, $"No run named '{name}' is shown here.");

    private static async Task Stream(HttpContext c, LiveRun run, int from)
    {
        c.Response.ContentType = "text/event-stream";
        c.Response.Headers.CacheControl = "no-cache";
        var ct = c.RequestAborted;
        int cursor = Math.Max(0, from);
        bool first = true;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var changed = run.Changed(ct);
                var (points, next) = run.PointsFrom(cursor);
                if (points.Count > 0 || first)
                {
                    await c.Response.WriteAsync($"event: points\ndata: {JsonText(w => Payloads.Points(w, points, next, run.Finished))}\n\n", ct);
                    await c.Response.Body.FlushAsync(ct);
                    cursor = next;
                    first = false;
                }

                if (await Task.WhenAny(changed, Task.Delay(KeepAlive, ct)) != changed)
                {
                    await c.Response.WriteAsync(": keep-alive\n\n", ct);
                    await c.Response.Body.FlushAsync(ct);
                }
                else if (run.Problem is { } problem)
                {
                    await c.Response.WriteAsync($"event: problem\ndata: {JsonSerializer.Serialize(problem)}\n\n", ct);
                    await c.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private static Task File(HttpContext c, string name)
    {
        if (Assets.Read(name) is not { } bytes || (name == "index.html") != (c.Request.Path == "/"))
        {
            return Text(c, StatusCodes.Status404NotFound, "Not found.");
        }

        c.Response.ContentType = Assets.ContentType(name);
        return c.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static Task Json(HttpContext c, Action<Utf8JsonWriter> write)
    {
        c.Response.ContentType = "application/json; charset=utf-8";
        c.Response.Headers.CacheControl = "no-store";
        return c.Response.WriteAsync(JsonText(write));
    }

    internal static string JsonText(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Task Text(HttpContext c, int status, string message)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "text/plain; charset=utf-8";
        return c.Response.WriteAsync(message + "\n");
    }
}
