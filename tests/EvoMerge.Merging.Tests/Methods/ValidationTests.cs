using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

public class ValidationTests
{
    static ParameterSpec Spec(string method, string name) =>
        MergeMethodRegistry.Get(method).GlobalParameters.Concat(MergeMethodRegistry.Get(method).ModelParameters).Single(p => p.Name == name);

    [Theory]
    [InlineData("ties", "density", 0.0, false)]
    [InlineData("ties", "density", 1e-9, true)]
    [InlineData("ties", "density", 1.0, true)]
    [InlineData("ties", "density", 1.01, false)]
    [InlineData("ties", "weight", -2.5, true)]
    [InlineData("ties", "weight", double.NaN, false)]
    [InlineData("ties", "weight", double.PositiveInfinity, false)]
    [InlineData("slerp", "t", 0.0, true)]
    [InlineData("slerp", "t", 1.0, true)]
    [InlineData("slerp", "t", 1.5, false)]
    [InlineData("slerp", "t", -0.1, false)]
    [InlineData("breadcrumbs", "gamma", 0.0, true)]
    [InlineData("breadcrumbs", "gamma", 1.0, false)]
    [InlineData("della", "epsilon", 0.99, true)]
    [InlineData("della", "epsilon", 1.0, false)]
    [InlineData("task_arithmetic", "lambda", -3, true)]
    [InlineData("task_arithmetic", "lambda", double.NaN, false)]
    [InlineData("ties", "normalize", 1, true)]
    [InlineData("ties", "normalize", 0.5, false)]
    [InlineData("nearswap", "t", 2.5, true)]
    [InlineData("nearswap", "t", -0.1, false)]
    [InlineData("karcher", "max_iter", 0, true)]
    [InlineData("karcher", "max_iter", 1.5, false)]
    [InlineData("karcher", "tol", -1e-6, false)]
    [InlineData("sce", "select_topk", 0.0, true)]
    [InlineData("sce", "select_topk", 1.01, false)]
    [InlineData("ram", "epsilon", 0.0, true)]
    [InlineData("ramplus_tl", "alpha", -0.5, false)]
    [InlineData("ramplus_tl", "r", double.NaN, false)]
    [InlineData("multislerp", "eps", 0.0, false)]
    [InlineData("multislerp", "normalize_weights", 0, true)]
    public void Parameter_ranges(string method, string name, double value, bool valid)
    {
        var spec = Spec(method, name);
        Assert.Equal(valid, spec.IsValid(value));
        Assert.Equal(valid, spec.Check(value) is null);
    }

    [Fact]
    public void Out_of_range_message_names_parameter_value_and_range()
    {
        Assert.Equal("parameter 'density' = 1.5 is out of range; valid: 0 < density <= 1", Spec("ties", "density").Check(1.5));
        Assert.Equal("parameter 't' = -1 is out of range; valid: 0 <= t <= 1", Spec("slerp", "t").Check(-1));
    }

    [Fact]
    public void Spec_rejects_contradictions_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new ParameterSpec("x", ParameterKind.Number, true, 1.0, "any", _ => true));
        Assert.Throws<ArgumentException>(() => new ParameterSpec("x", ParameterKind.Number, false, 2.0, "0..1", v => v <= 1));
        Assert.Throws<ArgumentException>(() => new ParameterSpec(" ", ParameterKind.Number, false, null, "any", _ => true));
        Assert.Throws<ArgumentException>(() => new ParameterSpec("x", ParameterKind.Number, false, null, "", _ => true));
    }

    [Fact]
    public void Merge_rejects_out_of_range_values_naming_tensor_and_model()
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get("ties");
        var inputs = Inputs.For(method, [Inputs.Model("m1", Inputs.T(1, 2), ("weight", 1), ("density", 0))], Inputs.T(0, 0), tensorName: "w.0");
        var error = Assert.Throws<ArgumentException>(() => method.Merge(inputs));
        Assert.Contains("tensor 'w.0', model 'm1'", error.Message);
        Assert.Contains("0 < density <= 1", error.Message);
    }

    [Fact]
    public void Merge_reports_a_missing_required_weight()
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get("task_arithmetic");
        var inputs = Inputs.For(method, [Inputs.Model("m1", Inputs.T(1, 2))], Inputs.T(0, 0));
        var error = Assert.Throws<ArgumentException>(() => method.Merge(inputs));
        Assert.Contains("required parameter 'weight' is missing", error.Message);
    }

    [Fact]
    public void Shape_mismatch_names_tensor_and_both_models()
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get("ties");
        var inputs = Inputs.For(method, [Inputs.Model("big", zeros(3, 2), ("weight", 1))], zeros(2, 2), tensorName: "lm_head.weight");
        var error = Assert.Throws<ArgumentException>(() => method.Merge(inputs));
        Assert.Contains("tensor 'lm_head.weight': model 'big' has shape [3, 2] but model 'base' has [2, 2]", error.Message);
    }

    [Fact]
    public void Task_arithmetic_family_needs_a_base_model()
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get("dare_ties");
        var error = Assert.Throws<ArgumentException>(() => method.Merge(Inputs.For(method, [Inputs.Model("m", Inputs.T(1), ("weight", 1))])));
        Assert.Contains("needs a base_model", error.Message);
        Assert.Contains("merge method 'dare_ties' needs a base_model", method.Validate(Context(hasBase: false, ("m", false, Inputs.P(("weight", 1))))));
    }

    [Fact]
    public void Della_validation_checks_density_and_epsilon_together()
    {
        var della = MergeMethodRegistry.Get("della");
        var problems = della.Validate(Context(true,
            ("fine", false, Inputs.P(("weight", 1), ("density", 0.5), ("epsilon", 0.2))),
            ("low", false, Inputs.P(("weight", 1), ("density", 0.1))),            // default epsilon 0.15 > density
            ("high", false, Inputs.P(("weight", 1), ("density", 0.9), ("epsilon", 0.1))),
            ("full", false, Inputs.P(("weight", 1), ("density", 1.0), ("epsilon", 0.5)))));   // density 1 keeps all, never checked
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("model 'low': della needs 0 < density - epsilon and density + epsilon < 1"));
        Assert.Contains(problems, p => p.StartsWith("model 'high': "));
    }

    [Fact]
    public void Della_merge_throws_when_probabilities_leave_0_1()
    {
        using var scope = NewDisposeScope();
        var della = MergeMethodRegistry.Get("della_linear");
        var inputs = Inputs.For(della, [Inputs.Model("m", Inputs.T(1, 2, 3), ("weight", 1), ("density", 0.9), ("epsilon", 0.2))],
            Inputs.T(0, 0, 0), generator: new Generator(1));
        Assert.Contains("density + epsilon < 1", Assert.Throws<ArgumentException>(() => della.Merge(inputs)).Message);
    }

    [Fact]
    public void Slerp_validation_wants_the_base_among_two_models()
    {
        var slerp = MergeMethodRegistry.Get("slerp");
        Assert.Empty(slerp.Validate(Context(true, ("base", true, Inputs.P()), ("a", false, Inputs.P()))));
        Assert.NotEmpty(slerp.Validate(Context(true, ("a", false, Inputs.P()), ("b", false, Inputs.P()))));
        Assert.NotEmpty(slerp.Validate(Context(false, ("a", false, Inputs.P()), ("b", false, Inputs.P()))));
    }

    [Fact]
    public void Nuslerp_validation_rejects_the_base_as_one_of_the_two()
    {
        var nuslerp = MergeMethodRegistry.Get("nuslerp");
        Assert.Empty(nuslerp.Validate(Context(true, ("a", false, Inputs.P()), ("b", false, Inputs.P()))));
        Assert.Single(nuslerp.Validate(Context(true, ("base", true, Inputs.P()), ("b", false, Inputs.P()))));
    }

    [Fact]
    public void Model_stock_validation_wants_two_models_besides_the_base()
    {
        var stock = MergeMethodRegistry.Get("model_stock");
        Assert.Empty(stock.Validate(Context(true, ("a", false, Inputs.P()), ("b", false, Inputs.P()))));
        Assert.Contains("model_stock needs at least two models besides the base model",
            stock.Validate(Context(true, ("base", true, Inputs.P()), ("b", false, Inputs.P()))));
    }

    [Fact]
    public void Linear_validation_rejects_weights_summing_to_zero_when_normalizing()
    {
        var linear = MergeMethodRegistry.Get("linear");
        var models = new[] { ("a", false, Inputs.P(("weight", 1))), ("b", false, Inputs.P(("weight", -1))) };
        Assert.NotEmpty(linear.Validate(new MergeValidationContext(Inputs.P(), Listed(models), false)));
        Assert.Empty(linear.Validate(new MergeValidationContext(Inputs.P(("normalize", 0)), Listed(models), false)));
    }

    static MergeValidationContext Context(bool hasBase, params (string, bool, Dictionary<string, double>)[] models) =>
        new(Inputs.P(), Listed(models), hasBase);

    static IReadOnlyList<(string, bool, IReadOnlyDictionary<string, double>)> Listed((string, bool, Dictionary<string, double>)[] models) =>
        models.Select(m => (m.Item1, m.Item2, (IReadOnlyDictionary<string, double>)m.Item3)).ToList();
}
