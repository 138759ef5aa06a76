using EvoMerge.Farm.Dispatch;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Tests;

/// <summary>What crosses between coordinator and workers keeps everything the run decides on, a race's slice included.</summary>
public class TrialJsonTests
{
    [Fact]
    public void A_request_keeps_its_slice_and_anchors_and_a_result_echoes_them()
    {
        var request = new TrialRequest("run", "hash", 7, 2, [0.1, double.NaN], 42) { Slice = new FitnessSlice(32, 64), Anchors = [[1, 5], [0]] };
        var back = TrialJson.ReadRequest(TrialJson.Write(request));
        Assert.Equal((request.TrialId, request.Slice, 2), (back.TrialId, back.Slice, back.Anchors!.Length));
        Assert.Equal(request.Anchors[0], back.Anchors[0]);
        Assert.True(double.IsNaN(back.Genes[1]));

        var result = new TrialResult(7, new Dictionary<string, double> { ["task.a.accuracy"] = 0.5 }, [1, 0], null, 1.25) { Slice = new FitnessSlice(32, 64), Anchored = true };
        var echoed = TrialJson.ReadResult(TrialJson.Write(result));
        Assert.Equal((result.Slice, true, 0.5), (echoed.Slice, echoed.Anchored, echoed.Metrics!["task.a.accuracy"]));
        Assert.Null(TrialJson.ReadResult(TrialJson.Write(result with { Slice = null, Anchored = false })).Slice);
    }
}
