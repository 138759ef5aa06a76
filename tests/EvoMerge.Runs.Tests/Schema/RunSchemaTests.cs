using System.Text.Json.Nodes;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Runs.Tests.Schema;

public class RunSchemaTests
{
    static RunSchema Sample() => new(
        ["layers_0-0.a.weight", "layers_0-0.b.weight"],
        ["task.low.accuracy", "task.high.accuracy"],
        [new ObjectiveInfo("low", true), new ObjectiveInfo("loss", false)]);

    [Fact]
    public void Round_trips_through_the_journal_first_line()
    {
        var schema = Sample();
        var created = new RunCreated("hash", 7, DateTimeOffset.UnixEpoch, new JsonObject { [RunSchema.ExtraKey] = schema.ToJson() });

        var back = RunSchema.From(created);

        Assert.Equal(schema.Genes, back.Genes);
        Assert.Equal(schema.Metrics, back.Metrics);
        Assert.Equal(schema.Objectives, back.Objectives);
        Assert.Equal([true, false], back.Maximize);
        Assert.Equal(["objective.low", "objective.loss"], back.Csv.Header.TakeLast(2));
    }

    [Fact]
    public void A_journal_without_schema_is_explained()
    {
        var created = new RunCreated("hash", 7, DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<InvalidDataException>(() => RunSchema.From(created));

        Assert.Contains("schema", error.Message);
    }

    [Fact]
    public void Malformed_schema_names_the_problem()
    {
        var json = Sample().ToJson();
        json.Remove("objectives");

        var error = Assert.Throws<InvalidDataException>(() => RunSchema.FromJson(json));

        Assert.Contains("objectives", error.Message);
    }

    [Fact]
    public void Duplicate_columns_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new RunSchema(["g", "g"], [], [new ObjectiveInfo("o", true)]));
    }
}
