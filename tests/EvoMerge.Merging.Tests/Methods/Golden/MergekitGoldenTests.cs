using EvoMerge.Merging.Methods;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Golden;

/// <summary>Every tensor of every golden case, merged by our methods, matches mergekit's own output.</summary>
public class MergekitGoldenTests
{
    const double AbsoluteTolerance = 1e-5;
    const double RelativeTolerance = 1e-4;

    static readonly string[] MergekitCases =
    [
        "linear", "task_arithmetic", "task_arithmetic_lambda", "ties", "ties_unnormalized",
        "breadcrumbs", "breadcrumbs_ties", "slerp", "model_stock",
    ];

    static readonly string[] MoreCases =
    [
        "multislerp", "multislerp_base", "karcher", "karcher_params", "sce", "nearswap", "arcee_fusion",
        "ram", "ramplus_tl", "nuslerp_flat", "nuslerp", "nuslerp_base", "della_dense", "della_linear_dense",
    ];

    /// <summary>
    /// Cases that need the planner (per-layer gradients and filter lists) or a bfloat16 merge: they run
    /// through the whole pipeline in EndToEnd.GoldenMergekitTests instead.
    /// </summary>
    static readonly string[] PipelineOnlyCases = ["linear_gradient_filter", "task_arithmetic_bf16"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in MergekitCases) data.Add("mergekit", name);
        foreach (var name in MoreCases) data.Add("mergekit-more", name);
        return data;
    }

    [Fact]
    public void Every_case_folder_is_covered()
    {
        Assert.Equal(CaseFolders("mergekit"), MergekitCases.Order());
        Assert.Equal(CaseFolders("mergekit-more"), MoreCases.Concat(PipelineOnlyCases).Order());
    }

    static IEnumerable<string?> CaseFolders(string folder) =>
        Directory.GetDirectories(SharedFolder.Path("golden", folder, "cases")).Select(Path.GetFileName).Order();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_mergekit(string folder, string caseName)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var golden = GoldenCase.Load(folder, caseName);
        var method = MergeMethodRegistry.Get(golden.MergeMethod);
        Assert.NotEmpty(golden.Expected);
        foreach (var (name, expected) in golden.Expected)
        {
            var actual = method.Merge(golden.InputsFor(method, name));
            Assert.Equal(expected.shape, actual.shape);
            double worst = (actual - expected).abs().sub_(expected.abs().mul_(held[RelativeTolerance])).max().item<float>();
            Assert.True(worst <= AbsoluteTolerance,
                $"{folder}/{caseName}/{name}: off by {worst:E3} beyond the relative tolerance (max |diff| {(actual - expected).abs().max().item<float>():E3})");
        }
    }
}
