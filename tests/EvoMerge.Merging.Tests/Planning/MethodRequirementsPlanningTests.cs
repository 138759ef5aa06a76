using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Merging.Tests.Planning;

/// <summary>Model counts, base models and parameter ranges of the newer methods, checked at planning.</summary>
public class MethodRequirementsPlanningTests : IDisposable
{
    readonly TempFolder _dir = new();

    public MethodRequirementsPlanningTests()
    {
        var shape = new TinyLlamaShape();
        TinyLlamaCheckpoints.Write(_dir.Combine("base"), shape, 1);
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), shape, 1, 2);
        TinyLlamaCheckpoints.Write(_dir.Combine("b"), shape, 1, 3);
    }

    public void Dispose() => _dir.Dispose();

    MergePlan Plan(string yaml) => MergePlanner.Plan(MergeConfigParser.Parse(yaml, _dir.Path));

    IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<MergeConfigException>(() => Plan(yaml)).Problems;

    [Fact]
    public void Nuslerp_takes_a_base_model_besides_its_two_models()
    {
        var plan = Plan("merge_method: nuslerp\nbase_model: base\nmodels:\n  - model: a\n    parameters: {weight: 1}\n  - model: b\n    parameters: {weight: 1}\n");
        Assert.All(plan.Tensors, t => Assert.Equal(3, t.Inputs.Count));
        Assert.All(plan.Tensors, t => Assert.Single(t.Inputs, i => i.IsBase));
    }

    [Fact]
    public void Nuslerp_refuses_the_base_as_one_of_the_two()
    {
        var problems = Problems("merge_method: nuslerp\nbase_model: base\nmodels:\n  - model: base\n    parameters: {weight: 1}\n  - model: b\n    parameters: {weight: 1}\n");
        Assert.Contains(problems, p => p.Contains("base model cannot be one of the two models"));
    }

    [Fact]
    public void Arcee_fusion_and_nearswap_take_the_base_and_one_model()
    {
        Plan("merge_method: arcee_fusion\nbase_model: base\nmodels:\n  - model: a\n");
        var problems = Problems("merge_method: arcee_fusion\nbase_model: base\nmodels:\n  - model: a\n  - model: b\n");
        Assert.Contains(problems, p => p.Contains("'arcee_fusion' takes exactly 2"));
        problems = Problems("merge_method: nearswap\nbase_model: base\nparameters: {t: 0.1}\nmodels:\n  - model: a\n  - model: b\n");
        Assert.Contains(problems, p => p.Contains("'nearswap' takes exactly 2"));
    }

    [Fact]
    public void Base_methods_without_base_and_bad_parameters_are_all_reported()
    {
        foreach (var method in new[] { "sce", "ram", "ramplus_tl", "arcee_fusion", "nearswap" })
            Assert.Contains(Problems($"merge_method: {method}\nmodels:\n  - model: a\n"), p => p.Contains("base_model") && p.Contains(method));
        Assert.Contains(Problems("merge_method: nearswap\nbase_model: base\nmodels:\n  - model: a\n"), p => p.Contains("parameters.t") && p.Contains("required"));
        Assert.Contains(Problems("merge_method: ram\nbase_model: base\nparameters: {epsilon: -1}\nmodels:\n  - model: a\n"),
            p => p.Contains("parameters.epsilon") && p.Contains(">= 0"));
        Assert.Contains(Problems("merge_method: karcher\nparameters: {max_iter: 2.5}\nmodels:\n  - model: a\n  - model: b\n"),
            p => p.Contains("parameters.max_iter") && p.Contains("whole number"));
        Assert.Contains(Problems("merge_method: sce\nbase_model: base\nparameters: {select_topk: 1.5}\nmodels:\n  - model: a\n"),
            p => p.Contains("parameters.select_topk"));
        Assert.Contains(Problems("merge_method: multislerp\nmodels:\n  - model: a\n  - model: b\n    parameters: {weight: 1}\n"),
            p => p.Contains("'weight'") && p.Contains(_dir.Combine("a")));
    }
}
