using System.Text.Json;
using Microsoft.Playwright;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>What the tests read from the page: the points each chart draws, as the charts report them.</summary>
internal static class DashboardPage
{
    public static async Task<Dictionary<string, int>> PointCounts(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.evomerge.pointCounts())"))!;

    /// <summary>Waits until the history chart of the first objective draws <paramref name="points"/> trials.</summary>
    public static async Task<Dictionary<string, int>> WaitForPoints(IPage page, int points, float timeoutMs = 20000)
    {
        await page.WaitForFunctionAsync(
            "n => window.evomerge && window.evomerge.pointCounts()['history:0'] === n",
            points,
            new PageWaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 100 });
        return await PointCounts(page);
    }

    public static async Task<(float X, float Y)> PixelOf(IPage page, string chart, long trial)
    {
        var xy = await page.EvaluateAsync<float[]>("([c, t]) => window.evomerge.pixelOf(c, t)", new object[] { chart, trial });
        return (xy[0], xy[1]);
    }
}
