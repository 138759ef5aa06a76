using System.Text.Json;
using System.Text.RegularExpressions;
using EvoMerge.Core.Optimization;
using EvoMerge.Dashboard.Pages;
using EvoMerge.Dashboard.Web;
using Microsoft.Playwright;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>A searched merge method is drawn by name: category axes in the parallel and slice views, names in hover text and detail.</summary>
public sealed class CategoryGeneBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DashboardOptions Local = new() { Port = 0, PollInterval = TimeSpan.FromMilliseconds(200) };
    private static readonly string[] Methods = ["ties", "slerp", "linear"];

    [BrowserFact]
    public async Task The_live_dashboard_names_the_chosen_methods()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("methods"), methods: Methods);
        run.Generation(15);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(server.Url.ToString());

        await CheckMethodNames(page, run);

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task The_self_contained_report_names_the_chosen_methods()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("methods"), methods: Methods);
        run.Generation(15);
        string file = ReportPage.Write(run.Path, temp.Combine("report"), null);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(new Uri(file).AbsoluteUri);

        await CheckMethodNames(page, run);

        Assert.Empty(errors);
    }

    private static string MethodOf(GrowingRun run, long trial) => Methods[CategoryBins.Index(run.GenesOf[trial][0], Methods.Length)];

    private static async Task CheckMethodNames(IPage page, GrowingRun run)
    {
        await DashboardPage.WaitForPoints(page, 15);

        // The parallel view: the method's axis is a category axis of the method names, and each line passes through its trial's method.
        var axis = await Option(page, "parallel:all", "o => o.parallelAxis[0]");
        Assert.Equal("category", axis.GetProperty("type").GetString());
        Assert.Equal(Methods, axis.GetProperty("data").EnumerateArray().Select(m => m.GetString()!));
        var lines = await Option(page, "parallel:all", "o => o.series[0].data");
        foreach (var line in lines.EnumerateArray())
            Assert.Equal(MethodOf(run, line.GetProperty("trial").GetInt64()), line.GetProperty("value")[0].GetString());

        // The slice view of the first gene (the method, selected by default): names along the x axis.
        var xAxis = await Option(page, "slices:gene", "o => o.xAxis[0]");
        Assert.Equal("category", xAxis.GetProperty("type").GetString());
        Assert.Equal(Methods, xAxis.GetProperty("data").EnumerateArray().Select(m => m.GetString()!));

        // Hover text names the method of the trial it describes (whichever point lies on top there).
        var (x, y) = await DashboardPage.PixelOf(page, "slices:gene", 4);
        await page.Mouse.MoveAsync(x, y);
        var tip = await page.WaitForFunctionAsync(
            "() => { const d = [...document.querySelectorAll('div')].find(d => d.style.display !== 'none' && d.style.visibility !== 'hidden' && /^trial \\d+ /.test(d.textContent)); return d ? d.textContent : null; }",
            null, new PageWaitForFunctionOptions { Timeout = 10000 });
        string text = await tip.JsonValueAsync<string>();
        long shown = long.Parse(Regex.Match(text, @"^trial (\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"method: {MethodOf(run, shown)}", text, StringComparison.Ordinal);

        // The trial detail's gene table shows the name too.
        await page.Mouse.ClickAsync(x, y);
        await page.WaitForSelectorAsync($"#detail [data-trial='{shown}']");
        var firstGene = await page.Locator("#detail table").First.Locator("tr").Nth(1).Locator("td").AllTextContentsAsync();
        Assert.Equal(["method", MethodOf(run, shown)], firstGene);
    }

    private static async Task<JsonElement> Option(IPage page, string chart, string pick)
    {
        string json = await page.EvaluateAsync<string>($"c => JSON.stringify(({pick})(window.evomerge.charts[c].getOption()))", chart);
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
