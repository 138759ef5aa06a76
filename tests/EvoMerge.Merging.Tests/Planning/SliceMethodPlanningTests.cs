using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Merging.Tests.Planning;

/// <summary>
/// A slice's own <c>merge_method</c> (what a search with one method gene per layer group writes): its tensors
/// are planned and checked with that method, the others with the config's.
/// </summary>
public class SliceMethodPlanningTests : IDisposable
{
    readonly TempFolder _dir = new();

    public SliceMethodPlanningTests()
    {
        var shape = new TinyLlamaShape();
        TinyLlamaCheckpoints.Write(_dir.Combine("base"), shape, 1);
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), shape, 1, 2);
    }

    public void Dispose() => _dir.Dispose();

    MergePlan Plan(string yaml) => MergePlanner.Plan(MergeConfigParser.Parse(yaml, _dir.Path));

    IReadOnlyList<string> Problems(string yaml) => Assert.Throws<MergeConfigException>(() => Plan(yaml)).Problems;

    const string Mixed = """
        merge_method: linear
        base_model: base
        slices:
          - sources:
              - {model: a, layer_range: [0, 1], parameters: {weight: 1}}
          - sources:
              - {model: a, layer_range: [1, 2]}
              - {model: base, layer_range: [1, 2]}
            merge_method: slerp
            parameters: {t: 0.25}
        """;

    [Fact]
    public void Each_slice_is_planned_with_its_own_method()
    {
        var plan = Plan(Mixed);

        Assert.Equal("linear", plan.Method.Name);
        Assert.All(plan.Tensors.Where(t => t.OutputName.Contains(".0.", StringComparison.Ordinal)), t => Assert.Equal("linear", plan.MethodOf(t).Name));
        var second = plan.Tensors.Where(t => t.OutputName.Contains(".1.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(second);
        Assert.All(second, t => Assert.Equal("slerp", plan.MethodOf(t).Name));
        Assert.All(second, t => Assert.Equal(0.25, t.GlobalParameters["t"]));
        Assert.Equal(["linear", "slerp"], plan.AllMethods.Select(m => m.Name));
    }

    [Fact]
    public void The_slice_method_survives_writing_and_reading_the_config()
    {
        var config = MergeConfigParser.Parse(Mixed, _dir.Path);
        var again = MergeConfigParser.Parse(MergeConfigWriter.ToYaml(config), _dir.Path);

        Assert.Equal([null, "slerp"], again.Slices!.Select(s => s.MergeMethod));
    }

    [Fact]
    public void A_slice_method_is_checked_like_the_configs()
    {
        var problems = Problems(Mixed.Replace("merge_method: slerp", "merge_method: slurp", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("slices[1].merge_method: ", StringComparison.Ordinal) && p.Contains("slurp", StringComparison.Ordinal));

        // Slerp's t is no parameter of linear: the slice's parameters are checked against the slice's method.
        problems = Problems(Mixed.Replace("    merge_method: slerp\n", "", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("slices[1].parameters.t: unknown parameter for method 'linear'", StringComparison.Ordinal));

        problems = Problems(Mixed.Replace("      - {model: base, layer_range: [1, 2]}\n", "", StringComparison.Ordinal));
        Assert.Contains("slices[1]: method 'slerp' uses the base model, so it must be one of the slice's sources.", problems);
    }
}
