using System.Text.Json.Nodes;
using EvoMerge.Dashboard.Pages;
using EvoMerge.Dashboard.Web;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>Data-flow trials: the detail draws the layer path from path.json as (model, layer) x scale blocks.</summary>
[Trait("Category", "Slow")]
public sealed class LayerPathBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Describes every trial as a three-hop path whose scales come from its genes, as a data-flow space writes it.</summary>
    private sealed class PathDescriber : ITrialDescriber
    {
        public IReadOnlyList<(string File, string Text)> Describe(string runFolder, long trialId, IReadOnlyList<double> genes)
        {
            var hops = new JsonArray(
                new JsonObject { ["source"] = "math", ["layer"] = 0, ["scale"] = 1.0 },
                new JsonObject { ["source"] = "lang", ["layer"] = 3, ["scale"] = Math.Round(genes[0], 3) },
                new JsonObject { ["source"] = "math", ["layer"] = (int)trialId, ["scale"] = 0.5 });
            var path = new JsonObject { ["head"] = "math", ["sources"] = new JsonArray(new JsonObject { ["name"] = "math" }, new JsonObject { ["name"] = "lang" }), ["hops"] = hops };
            return [("path.json", path.ToJsonString())];
        }
    }

    [BrowserFact]
    public async Task Clicking_a_data_flow_trial_draws_its_layer_path()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("dfs"));
        run.Generation(20);
        string file = ReportPage.Write(run.Path, temp.Combine("report"), new PathDescriber());
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await DashboardPage.WaitForPoints(page, 20);

        long trial = await page.EvaluateAsync<long>("() => window.evomerge.charts['pareto:0-1'].getOption().series.find(s => s.id === 'trials-front').data[0].trial");
        var (x, y) = await DashboardPage.PixelOf(page, "pareto:0-1", trial);
        await page.Mouse.ClickAsync(x, y);
        await page.WaitForSelectorAsync($"#detail [data-trial='{trial}']");

        var hops = await page.Locator("#detail .hop").AllTextContentsAsync();
        Assert.Equal(3, hops.Count);
        Assert.Equal("math · L0 × 1", hops[0]);
        Assert.StartsWith("lang · L3 × ", hops[1]);
        Assert.Equal($"math · L{trial} × 0.5", hops[2]);
        Assert.Empty(errors);
    }
}
