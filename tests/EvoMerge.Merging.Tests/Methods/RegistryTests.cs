using EvoMerge.Merging.Methods;

namespace EvoMerge.Merging.Tests.Methods;

public class RegistryTests
{
    static readonly string[] Expected =
    [
        "linear", "task_arithmetic", "ties", "dare_linear", "dare_ties", "breadcrumbs", "breadcrumbs_ties",
        "della", "della_linear", "slerp", "nuslerp", "model_stock", "passthrough",
        "multislerp", "karcher", "sce", "nearswap", "arcee_fusion", "ram", "ramplus_tl",
        "lines", "tsv_m", "consensus_ta", "widen", "fisher",
    ];

    [Fact]
    public void Lists_every_mergekit_method_and_the_paper_methods()
    {
        Assert.Equal(Expected.Order(), MergeMethodRegistry.All.Select(m => m.Name).Order());
    }

    [Fact]
    public void Get_and_TryGet_find_every_method_by_name()
    {
        foreach (var name in Expected)
        {
            Assert.Equal(name, MergeMethodRegistry.Get(name).Name);
            Assert.True(MergeMethodRegistry.TryGet(name, out var method));
            Assert.Same(MergeMethodRegistry.Get(name), method);
        }
    }

    [Fact]
    public void Unknown_name_message_lists_the_valid_methods()
    {
        var error = Assert.Throws<ArgumentException>(() => MergeMethodRegistry.Get("dare-ties"));
        Assert.StartsWith("unknown merge method 'dare-ties'; valid methods: linear, task_arithmetic, ", error.Message);
        foreach (var name in Expected) Assert.Contains(name, error.Message);
        Assert.False(MergeMethodRegistry.TryGet("TIES", out _));
    }

    [Theory]
    [InlineData("linear", BaseModelUse.NotUsed, null)]
    [InlineData("ties", BaseModelUse.Required, null)]
    [InlineData("slerp", BaseModelUse.Required, 2)]
    [InlineData("nuslerp", BaseModelUse.Optional, null)]
    [InlineData("multislerp", BaseModelUse.Optional, null)]
    [InlineData("karcher", BaseModelUse.Optional, null)]
    [InlineData("sce", BaseModelUse.Required, null)]
    [InlineData("nearswap", BaseModelUse.Required, 2)]
    [InlineData("arcee_fusion", BaseModelUse.Required, 2)]
    [InlineData("ram", BaseModelUse.Required, null)]
    [InlineData("ramplus_tl", BaseModelUse.Required, null)]
    [InlineData("model_stock", BaseModelUse.Required, null)]
    [InlineData("passthrough", BaseModelUse.NotUsed, 1)]
    public void Declares_base_model_use_and_model_count(string name, BaseModelUse baseUse, int? count)
    {
        var method = MergeMethodRegistry.Get(name);
        Assert.Equal(baseUse, method.BaseModel);
        Assert.Equal(count, method.RequiredModelCount);
    }

    [Theory]
    [InlineData("ties", "normalize", 1.0, "rescale", 0.0)]
    [InlineData("dare_ties", "normalize", 0.0, "rescale", 1.0)]
    [InlineData("dare_linear", "normalize", 0.0, "rescale", 1.0)]
    [InlineData("della", "normalize", 1.0, "rescale", 1.0)]
    [InlineData("della_linear", "normalize", 0.0, "rescale", 1.0)]
    [InlineData("breadcrumbs_ties", "normalize", 0.0, "rescale", 0.0)]
    [InlineData("task_arithmetic", "normalize", 0.0, "lambda", 1.0)]
    [InlineData("linear", "normalize", 1.0, "normalize", 1.0)]
    [InlineData("nuslerp", "nuslerp_flatten", 1.0, "nuslerp_row_wise", 0.0)]
    [InlineData("model_stock", "filter_wise", 0.0, "filter_wise", 0.0)]
    public void Global_defaults_match_mergekit(string method, string first, double firstDefault, string second, double secondDefault)
    {
        var specs = MergeMethodRegistry.Get(method).GlobalParameters.ToDictionary(s => s.Name);
        Assert.Equal(firstDefault, specs[first].Default);
        Assert.Equal(secondDefault, specs[second].Default);
    }

    [Theory]
    [InlineData("breadcrumbs", "gamma", 0.01)]
    [InlineData("della", "epsilon", 0.15)]
    [InlineData("ties", "density", 1.0)]
    public void Model_parameter_defaults_match_mergekit(string method, string parameter, double expected)
    {
        var specs = MergeMethodRegistry.Get(method).ModelParameters.ToDictionary(s => s.Name);
        Assert.Equal(expected, specs[parameter].Default);
        Assert.True(specs["weight"].Required);
    }

    [Fact]
    public void Only_dare_methods_offer_the_inverse_density_rescale()
    {
        foreach (var method in MergeMethodRegistry.All)
        {
            bool offered = method.GlobalParameters.Any(p => p.Name == "dare_rescale_inverse_density");
            Assert.Equal(method.Name.StartsWith("dare_"), offered);
        }
    }
}
