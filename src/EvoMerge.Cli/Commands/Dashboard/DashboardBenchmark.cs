using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Dashboard.Web;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;
using Microsoft.Playwright;

namespace EvoMerge.Cli.Commands.Dashboard;

/// <summary>
/// `benchmark dashboard`: writes a synthetic run of <see cref="Trials"/> trials (2 objectives, 12 genes,
/// 2% failures), serves it, opens it in headless chromium and measures the first load (page open until
/// every point is drawn; importance arrives later from the server) and, per view, the time to draw it from scratch (median of
/// <see cref="Repeats"/>). Writes <c>dashboard.csv</c>: <c>view,trials,render_ms</c>.
/// </summary>
internal static class DashboardBenchmark
{
    public const int Trials = 10_000;
    public const int Repeats = 5;
    private const string ChromiumPath = "/usr/bin/chromium";

    public static async Task Run(string benchmarksFolder, TextWriter log)
    {
        if (!File.Exists(ChromiumPath))
            throw new IOException($"chromium is not installed at {ChromiumPath}; install it with `apt-get install chromium` and run again.");
        string work = Path.Combine(benchmarksFolder, ".dashboard-work");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        string runFolder = Path.Combine(work, $"synthetic-{Trials}");
        var written = Stopwatch.StartNew();
        WriteRun(runFolder);
        log.WriteLine($"Wrote a {Trials}-trial run in {written.Elapsed.TotalSeconds:F1} s: {runFolder}");

        var rows = new List<(string View, double Ms)>();
        await using (var server = await DashboardServer.StartAsync([runFolder], new DashboardOptions { Port = 0 }))
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--disable-dev-shm-usage"] });
            var loads = new List<double>();
            var views = new Dictionary<string, List<double>>();
            for (int r = 0; r < Repeats; r++)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                var clock = Stopwatch.StartNew();
                await page.GotoAsync(server.Url.ToString());
                await page.WaitForFunctionAsync($"() => window.evomerge && window.evomerge.pointCounts()['history:0'] === {Trials}", null,
                    new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 20 });
                loads.Add(clock.Elapsed.TotalMilliseconds);
                // Importance comes from the server a little later; time its drawing once it is there.
                await page.WaitForFunctionAsync("() => document.querySelector('#importance .note').textContent.startsWith('Method')", null,
                    new PageWaitForFunctionOptions { Timeout = 300_000 });
                var times = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.evomerge.renderTimes())"))!;
                foreach (var (view, ms) in times) (views.TryGetValue(view, out var list) ? list : views[view] = []).Add(ms);
                await page.CloseAsync();
            }

            rows.Add(("first_load", Median(loads)));
            rows.AddRange(views.Select(v => (v.Key, Median(v.Value))));
        }

        var csv = new StringBuilder("view,trials,render_ms\n");
        foreach (var (view, ms) in rows) csv.Append(CultureInfo.InvariantCulture, $"{view},{Trials},{ms:F1}\n");
        string path = Path.Combine(benchmarksFolder, "dashboard.csv");
        Core.IO.AtomicFile.WriteAllText(path, csv.ToString(), fsync: false);
        Directory.Delete(work, recursive: true);
        foreach (var (view, ms) in rows) log.WriteLine($"  {view,-12} {ms,9:F1} ms");
        log.WriteLine(path);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A run shaped like a real one: 100 generations of 100, objectives in tension, some failures.</summary>
    private static void WriteRun(string folder)
    {
        var genes = Enumerable.Range(0, 6).SelectMany(l => new[] { $"layers_{l}-{l}.a.weight", $"layers_{l}-{l}.b.weight" }).ToArray();
        var schema = new RunSchema(genes, ["task.x.accuracy", "task.y.accuracy"], [new ObjectiveInfo("x", true), new ObjectiveInfo("y", true)]);
        var created = new RunCreated("sha256:benchmark", 1, DateTimeOffset.UtcNow, new JsonObject { [RunSchema.ExtraKey] = schema.ToJson() });
        var random = new Random(1);
        using var run = RunFolder.Create(folder, "name: dashboard-benchmark\n", created);
        long id = 0;
        for (int generation = 0; generation < Trials / 100; generation++)
        {
            var batch = Enumerable.Range(0, 100).Select(_ => new Candidate(id++, genes.Select(_ => random.NextDouble()).ToArray())).ToList();
            run.Journal.Append(new BatchAsked(generation, batch));
            foreach (var c in batch)
            {
                if (random.NextDouble() < 0.02)
                {
                    run.Journal.Append(new TrialFailed(c.Id, generation, "synthetic failure", 0.1));
                    continue;
                }

                double a = c.Genes.Where((_, i) => i % 2 == 0).Average(), b = c.Genes.Where((_, i) => i % 2 == 1).Average();
                double x = Math.Clamp(0.5 + 0.5 * a - 0.3 * b + 0.05 * random.NextDouble() + 0.002 * generation, 0, 1);
                double y = Math.Clamp(0.5 + 0.5 * b - 0.3 * a + 0.05 * random.NextDouble() + 0.002 * generation, 0, 1);
                run.Journal.Append(new TrialCompleted(c.Id, generation, [x, y], new Dictionary<string, double> { ["task.x.accuracy"] = x, ["task.y.accuracy"] = y }, null, 0.1));
            }

            run.Journal.Commit();
        }

        run.Journal.Append(new RunFinished(["budget reached"]));
    }
}
