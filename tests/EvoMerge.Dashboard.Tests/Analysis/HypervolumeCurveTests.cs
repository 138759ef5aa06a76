using EvoMerge.Dashboard.Analysis;
using EvoMerge.Dashboard.Live;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Dashboard.Tests.Analysis;

public class HypervolumeCurveTests
{
    private static readonly RunSchema TwoObjectives = new(["g"], [], [new ObjectiveInfo("acc", true), new ObjectiveInfo("size", false)]);

    private static TrialPoint Point(long id, double acc, double size) => new(id, 0, false, [0.5], [acc, size], [], 0.1, null);

    [Fact]
    public void Hypervolume_grows_with_evaluations_on_a_shared_scale()
    {
        // acc spans 0..1 and size 0..1 over both runs: normalized, the point (acc 1, size 0) is the ideal (0, 0).
        var a = new List<TrialPoint> { Point(0, 0, 1), Point(1, 1, 0) };
        var b = new List<TrialPoint> { Point(0, 0.5, 0.5) };
        var curves = HypervolumeCurve.Compute([("a", TwoObjectives, a), ("b", TwoObjectives, b)], out string? whyNot)!;

        Assert.Null(whyNot);
        var first = curves[0].Points;
        Assert.Equal([1, 2], first.Select(p => p.Evaluations));
        Assert.Equal(0.1 * 0.1, first[0].Hypervolume, 9);   // (1,1) normalized: a 0.1 x 0.1 box to the reference 1.1
        Assert.Equal(1.1 * 1.1, first[1].Hypervolume, 9);   // the ideal point dominates the whole box
        Assert.Equal(0.6 * 0.6, curves[1].Points[0].Hypervolume, 9);
    }

    [Fact]
    public void Runs_with_different_objectives_are_not_compared()
    {
        var other = new RunSchema(["g"], [], [new ObjectiveInfo("loss", false)]);
        Assert.Null(HypervolumeCurve.Compute([("a", TwoObjectives, [Point(0, 1, 1)]), ("b", other, [])], out string? whyNot));
        Assert.Contains("same objectives", whyNot);
    }
}
