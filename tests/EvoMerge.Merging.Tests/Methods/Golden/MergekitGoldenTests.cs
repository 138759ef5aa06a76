using EvoMerge.Merging.Methods;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Golden;

/// <summary>Every tensor of every golden case, merged by our methods, matches mergekit's own output.</summary>
public class MergekitGoldenTests
{
    const double AbsoluteTolerance = 1e-5;
    const double RelativeTolerance = 1e-4;

    static readonly string[] CaseNames =
    [
        "linear", "task_arithmetic", "task_arithmetic_lambda", "ties", "ties_unnormalized",
        "breadcrumbs", "breadcrumbs_ties", "slerp", "model_stock",
    ];

    public static TheoryData<string> Cases => new(CaseNames);

    [Fact]
    public void Every_case_folder_is_covered()
    {
        var folders = Directory.GetDirectories(SharedFolder.Path("golden", "mergekit", "cases")).Select(Path.GetFileName);
        Assert.Equal(folders.Order(), CaseNames.Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_mergekit(string caseName)
    {
        using var scope = NewDisposeScope();
        var golden = GoldenCase.Load(caseName);
        var method = MergeMethodRegistry.Get(golden.MergeMethod);
        Assert.NotEmpty(golden.Expected);
        foreach (var (name, expected) in golden.Expected)
        {
            var actual = method.Merge(golden.InputsFor(method, name));
            Assert.Equal(expected.shape, actual.shape);
            double worst = (actual - expected).abs().sub_(expected.abs().mul_(RelativeTolerance)).max().item<float>();
            Assert.True(worst <= AbsoluteTolerance,
                $"{caseName}/{name}: off by {worst:E3} beyond the relative tolerance (max |diff| {(actual - expected).abs().max().item<float>():E3})");
        }
    }
}
