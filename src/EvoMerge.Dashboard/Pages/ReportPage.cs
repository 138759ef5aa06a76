using System.Text.Json;
using EvoMerge.Dashboard.Live;
using EvoMerge.Dashboard.Web;

namespace EvoMerge.Dashboard.Pages;

/// <summary>
/// The dashboard as one self-contained file, <c>report/index.html</c>: the same page with its script,
/// style and chart library inlined and the runs' data embedded, so it opens offline from disk. Trial
/// detail carries the recipe files of the Pareto-front trials and each objective's best (at most
/// <see cref="MaxDetailedTrials"/>); the live dashboard describes any trial.
/// </summary>
public static class ReportPage
{
    public const string FileName = "index.html";
    public const int MaxDetailedTrials = 100;

    /// <summary>Writes <c>index.html</c> into <paramref name="reportFolder"/> (atomically) and returns its path.</summary>
    public static string Write(string runFolder, string reportFolder, ITrialDescriber? describer)
    {
        var run = new LiveRun(runFolder, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runFolder))));
        run.Refresh();
        if (run.Problem is { } problem) throw new InvalidDataException(problem);
        Directory.CreateDirectory(reportFolder);
        string path = Path.Combine(Path.GetFullPath(reportFolder), FileName);
        Core.IO.AtomicFile.WriteAllText(path, Build([run], describer), fsync: false);
        return path;
    }

    public static string Build(IReadOnlyList<LiveRun> runs, ITrialDescriber? describer)
    {
        ArgumentNullException.ThrowIfNull(runs);
        string json = DashboardServer.JsonText(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("runs");
            foreach (var run in runs) WriteRun(w, run, describer);
            w.WriteEndArray();
            w.WritePropertyName("compare");
            Payloads.Comparison(w, runs);
            w.WriteEndObject();
        });

        // "</" inside a script element would end it early; "<\/" means the same in JSON and JavaScript.
        static string Inline(string text) => text.Replace("</", "<\\/", StringComparison.Ordinal);
        string html = Assets.Text("index.html");
        html = Replace(html, "<link rel=\"stylesheet\" href=\"assets/app.css\">", "<style>\n" + Assets.Text("app.css") + "</style>");
        html = Replace(html, "<script src=\"assets/echarts.min.js\"></script>",
            "<script id=\"evomerge-data\" type=\"application/json\">" + Inline(json) + "</script>\n"
            + "<script>\n" + Inline(Assets.Text("echarts.min.js")) + "\n</script>");
        html = Replace(html, "<script src=\"assets/app.js\"></script>", "<script>\n" + Inline(Assets.Text("app.js")) + "\n</script>");
        return html;
    }

    private static void WriteRun(Utf8JsonWriter w, LiveRun run, ITrialDescriber? describer)
    {
        var (points, cursor) = run.PointsFrom(0);
        w.WriteStartObject();
        w.WritePropertyName("meta");
        Payloads.Run(w, run);
        w.WritePropertyName("points");
        Payloads.Points(w, points, cursor, run.Finished);
        w.WritePropertyName("importance");
        Payloads.Importance(w, run);
        w.WriteStartObject("details");
        foreach (var point in DetailedTrials(run, points))
        {
            w.WritePropertyName(point.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Payloads.Detail(w, run, point, describer);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Each objective's best completed trial, then the rest of the Pareto front, by trial id.</summary>
    private static IEnumerable<TrialPoint> DetailedTrials(LiveRun run, IReadOnlyList<TrialPoint> points)
    {
        var done = points.Where(p => !p.Failed && p.Objectives!.All(double.IsFinite)).ToList();
        var objectives = run.Schema?.Objectives ?? [];
        var best = objectives.Select((o, k) => o.Maximize ? done.MaxBy(p => p.Objectives![k]) : done.MinBy(p => p.Objectives![k])).OfType<TrialPoint>();
        var front = done.Where(p => !done.Any(q => Dominates(q, p, objectives))).OrderBy(p => p.Id);
        return best.Concat(front).DistinctBy(p => p.Id).Take(MaxDetailedTrials);
    }

    private static bool Dominates(TrialPoint a, TrialPoint b, IReadOnlyList<EvoMerge.Runs.Storage.Schema.ObjectiveInfo> objectives)
    {
        bool better = false;
        for (int k = 0; k < objectives.Count; k++)
        {
            double x = objectives[k].Maximize ? a.Objectives![k] : -a.Objectives![k];
            double y = objectives[k].Maximize ? b.Objectives![k] : -b.Objectives![k];
            if (x < y) return false;
            if (x > y) better = true;
        }

        return better;
    }

    private static string Replace(string html, string tag, string replacement) =>
        html.Contains(tag, StringComparison.Ordinal)
            ? html.Replace(tag, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The dashboard page lacks '{tag}'; the embedded index.html and ReportPage disagree.");
}
