using System.Text.Json;
using EvoMerge.Dashboard.Analysis;
using EvoMerge.Dashboard.Live;
using EvoMerge.Runs.Storage;

namespace EvoMerge.Dashboard.Web;

/// <summary>
/// The JSON the page reads, the same for the live server and the self-contained report. Non-finite
/// numbers become null (JSON has no NaN). Points are compact arrays of fields named once in the run.
/// </summary>
public static class Payloads
{
    public static void Run(Utf8JsonWriter w, LiveRun run)
    {
        w.WriteStartObject();
        w.WriteString("name", run.Name);
        w.WriteString("folder", run.Folder);
        w.WriteBoolean("finished", run.Finished);
        if (run.Problem is { } problem) w.WriteString("problem", problem);
        var schema = run.Schema;
        Strings(w, "genes", schema?.Genes ?? []);
        GeneCategories(w, schema?.Csv.GeneCategories ?? []);
        Strings(w, "metrics", schema?.Metrics ?? []);
        w.WriteStartArray("objectives");
        foreach (var o in schema?.Objectives ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteBoolean("maximize", o.Maximize);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// {"cursor":N,"finished":b,"points":[[id,generation,failed,genes,objectives,metrics,seconds,reason,metadata],...]};
    /// metadata is the trial's candidate metadata as an object of strings (e.g. "parents": "3 7"), or null.
    /// </summary>
    public static void Points(Utf8JsonWriter w, IReadOnlyList<TrialPoint> points, int cursor, bool finished)
    {
        w.WriteStartObject();
        w.WriteNumber("cursor", cursor);
        w.WriteBoolean("finished", finished);
        w.WriteStartArray("points");
        foreach (var p in points)
        {
            w.WriteStartArray();
            w.WriteNumberValue(p.Id);
            w.WriteNumberValue(p.Generation);
            w.WriteBooleanValue(p.Failed);
            Numbers(w, p.Genes);
            Numbers(w, p.Objectives);
            Numbers(w, p.Metrics);
            Number(w, p.Seconds);
            if (p.Reason is null) w.WriteNullValue(); else w.WriteStringValue(p.Reason);
            Metadata(w, p.Metadata);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Importance(Utf8JsonWriter w, LiveRun run)
    {
        var points = run.Points().Where(p => !p.Failed).ToList();
        w.WriteStartObject();
        w.WriteString("method", GeneImportance.Method);
        w.WriteNumber("trials", points.Count);
        w.WriteStartArray("objectives");
        var schema = run.Schema;
        for (int k = 0; k < (schema?.Objectives.Count ?? 0); k++)
        {
            var importance = GeneImportance.Compute(points.Select(p => p.Genes).ToList(), points.Select(p => p.Objectives![k]).ToList());
            w.WriteStartObject();
            w.WriteString("name", schema!.Objectives[k].Name);
            Numbers(w, "importance", importance);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Comparison(Utf8JsonWriter w, IReadOnlyList<LiveRun> runs)
    {
        var ready = runs.Where(r => r.Schema is not null).Select(r => (r.Name, r.Schema!, r.Points())).ToList();
        var curves = HypervolumeCurve.Compute(ready, out string? whyNot);
        w.WriteStartObject();
        w.WriteNumber("reference", HypervolumeCurve.Reference);
        if (whyNot is not null) w.WriteString("unavailable", whyNot);
        w.WriteStartArray("curves");
        foreach (var curve in curves ?? [])
        {
            w.WriteStartObject();
            w.WriteString("run", curve.Run);
            w.WriteStartArray("points");
            foreach (var (evaluations, volume) in curve.Points)
            {
                w.WriteStartArray();
                w.WriteNumberValue(evaluations);
                Number(w, volume);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A trial's detail: recipe files (when a describer is given), test scores and the export command.</summary>
    public static void Detail(Utf8JsonWriter w, LiveRun run, TrialPoint point, ITrialDescriber? describer)
    {
        w.WriteStartObject();
        w.WriteNumber("id", point.Id);
        w.WriteString("export", ExportCommand(run.Folder, point.Id));
        w.WriteStartArray("tests");
        foreach (var row in TestScores.ForTrial(run.Folder, point.Id))
        {
            w.WriteStartObject();
            foreach (var (column, value) in row) w.WriteString(column, value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("files");
        string? problem = null;
        try
        {
            foreach (var (file, text) in describer?.Describe(run.Folder, point.Id, point.Genes) ?? [])
            {
                w.WriteStartObject();
                w.WriteString("name", file);
                w.WriteString("text", text);
                w.WriteEndObject();
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            problem = e.Message;
        }

        w.WriteEndArray();
        if (problem is not null) w.WriteString("filesProblem", $"no recipe: {problem}");
        w.WriteEndObject();
    }

    public static string ExportCommand(string runFolder, long trialId) =>
        $"./run.sh export {Quoted(runFolder)} --trial {trialId} {Quoted($"exported-trial-{trialId}")}";

    private static string Quoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+".Contains(c)) ? path : "'" + path.Replace("'", "'\\''") + "'";

    private static void Metadata(Utf8JsonWriter w, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        foreach (var (key, value) in metadata) w.WriteString(key, value);
        w.WriteEndObject();
    }

    /// <summary>
    /// "categories": one entry per gene, the category names of a categorical gene (a searched merge method) or null, so
    /// the page draws those genes by name; a value in [0, 1] names category floor(value * count) (CategoryBins).
    /// </summary>
    private static void GeneCategories(Utf8JsonWriter w, IReadOnlyList<IReadOnlyList<string>?> categories)
    {
        w.WriteStartArray("categories");
        foreach (var labels in categories)
        {
            if (labels is null)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartArray();
            foreach (var label in labels) w.WriteStringValue(label);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double>? values)
    {
        w.WritePropertyName(name);
        Numbers(w, values);
    }

    private static void Numbers(Utf8JsonWriter w, IReadOnlyList<double>? values)
    {
        if (values is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartArray();
        foreach (double v in values) Number(w, v);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue();
    }
}
