using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

/// <summary>A categorical gene (a searched merge method) shows its category in the CSVs, and the schema keeps the names.</summary>
public class CategoricalGeneCsvTests
{
    static readonly RunSchema Schema = new(
        ["method", "layers_0-3.a.weight"], ["task.digits.accuracy"], [new ObjectiveInfo("error", false)],
        categories: new Dictionary<string, IReadOnlyList<string>> { ["method"] = ["ties", "slerp", "linear"] });

    [Fact]
    public void The_method_column_holds_the_name_its_value_decodes_to_by_equal_width_bins()
    {
        var state = RunState.From([
            Samples.Created(),
            new BatchAsked(0, [new Candidate(0, [0.1, 0.5]), new Candidate(1, [0.5, 0.25]), new Candidate(2, [1.3, 1])]),
            new TrialCompleted(0, 0, [0.25], new Dictionary<string, double>(), null, 1),
            new TrialCompleted(1, 0, [0.5], new Dictionary<string, double>(), null, 1),
            new TrialFailed(2, 0, "diverged", 1),
        ]);
        var text = new StringWriter { NewLine = "\n" };

        TrialsCsv.Write(text, state, Schema.Csv);

        var rows = text.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("trial,generation,status,reason,seconds,worker,method,layers_0-3.a.weight,task.digits.accuracy,objective.error", rows[0]);
        Assert.Equal(["ties", "slerp", "linear"], rows.Skip(1).Select(r => r.Split(',')[6]));
        Assert.Equal("0.5", rows[1].Split(',')[7]);
    }

    [Fact]
    public void Categories_survive_the_journal_and_runs_without_them_keep_their_schema_line()
    {
        var again = RunSchema.FromJson(JsonNode.Parse(Schema.ToJson().ToJsonString())!.AsObject());

        Assert.Equal(["ties", "slerp", "linear"], again.Categories["method"]);
        Assert.Equal([["ties", "slerp", "linear"], null], again.Csv.GeneCategories);
        var plain = new RunSchema(["w"], [], [new ObjectiveInfo("error", false)]);
        Assert.Null(plain.ToJson()["categories"]);
    }

    [Fact]
    public void A_category_for_a_gene_the_schema_lacks_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RunCsvSchema(["w"], [], ["e"], categories: new Dictionary<string, IReadOnlyList<string>> { ["method"] = ["a", "b"] }));
}
