using System.Text;
using System.Text.Json;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Tests.Journal;

/// <summary>The three trial events that carry task metrics write, sort and read them the same way.</summary>
public sealed class TrialMetricsTests
{
    static readonly Dictionary<string, double> Unsorted = new(StringComparer.Ordinal) { ["task.b.f1"] = double.NaN, ["task.a.accuracy"] = 0.75 };

    static string Json(JournalEvent e)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) e.WriteData(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static TheoryData<string> Events => ["completed", "rescored", "slice"];

    static JournalEvent Make(string kind) => kind switch
    {
        "completed" => new TrialCompleted(3, 1, [0.75], Unsorted, null, 0.5),
        "rescored" => new TrialRescored(3, [0.75], Unsorted, 40, 0.5),
        _ => new TrialSliceScored(3, 1, 0, 4, Unsorted, [1, 0, 1, 1], 0.5),
    };

    static JournalEvent Read(string kind, JsonElement data) => kind switch
    {
        "completed" => TrialCompleted.Read(data),
        "rescored" => TrialRescored.Read(data),
        _ => TrialSliceScored.Read(data),
    };

    static IReadOnlyDictionary<string, double> MetricsOf(JournalEvent e) => e switch
    {
        TrialCompleted c => c.Metrics,
        TrialRescored r => r.Metrics,
        TrialSliceScored s => s.Metrics,
        _ => throw new ArgumentException(e.GetType().Name),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Metrics_are_written_sorted_by_name_and_read_back_with_their_bits(string kind)
    {
        string json = Json(Make(kind));
        Assert.Contains("\"metrics\":{\"task.a.accuracy\":0.75,\"task.b.f1\":\"NaN\"}", json);

        using var document = JsonDocument.Parse(json);
        var back = MetricsOf(Read(kind, document.RootElement));
        Assert.Equal(["task.a.accuracy", "task.b.f1"], back.Keys);
        Assert.Equal(0.75, back["task.a.accuracy"]);
        Assert.True(double.IsNaN(back["task.b.f1"]));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void A_metric_named_twice_is_refused(string kind)
    {
        string json = Json(Make(kind)).Replace("\"task.b.f1\"", "\"task.a.accuracy\"", StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<JournalFormatException>(() => Read(kind, document.RootElement));
        Assert.Contains("Metric \"task.a.accuracy\" appears twice", error.Message);
    }
}
