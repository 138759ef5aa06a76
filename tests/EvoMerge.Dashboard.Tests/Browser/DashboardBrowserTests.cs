using EvoMerge.Dashboard.Pages;
using EvoMerge.Dashboard.Web;
using Microsoft.Playwright;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>The dashboard in a real browser: it loads cleanly, draws every point, shows a hovered trial, and follows a growing run.</summary>
[Trait("Category", "Slow")]
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DashboardOptions Local = new() { Port = 0, PollInterval = TimeSpan.FromMilliseconds(200) };

    [BrowserFact]
    public async Task Page_loads_without_console_errors_and_each_view_shows_every_point()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(20, failEvery: 7);
        run.Generation(20);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        var (page, errors) = await browser.NewPage();

        await page.GotoAsync(server.Url.ToString());
        var counts = await DashboardPage.WaitForPoints(page, 40);

        int completed = 40 - run.FailedCount;
        Assert.Equal(2, run.FailedCount);
        Assert.Equal(40, counts["history:0"]);      // completed trials plus the failed ones, marked
        Assert.Equal(40, counts["history:1"]);
        Assert.Equal(completed, counts["pareto:0-1"]);
        Assert.Equal(completed, counts["parallel:all"]);
        Assert.Equal(completed, counts["slices:gene"]);
        await page.WaitForFunctionAsync("() => document.querySelector('#importance .note').textContent.startsWith('Method: permutation importance')");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Hovering_a_point_shows_its_trial_and_clicking_shows_its_detail()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        var ids = run.Generation(15);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(server.Url.ToString());
        await DashboardPage.WaitForPoints(page, 15);

        foreach (var (chart, trial) in new[] { ("history:0", ids[3]), ("slices:gene", ids[9]) })
        {
            var (x, y) = await DashboardPage.PixelOf(page, chart, trial);
            await page.Mouse.MoveAsync(x, y);
            await page.WaitForFunctionAsync(
                "t => [...document.querySelectorAll('div')].some(d => d.style.display !== 'none' && d.style.visibility !== 'hidden' && d.textContent.startsWith('trial ' + t + ' '))",
                trial, new PageWaitForFunctionOptions { Timeout = 10000 });
            await page.Mouse.ClickAsync(x, y);
            await page.WaitForSelectorAsync($"#detail [data-trial='{trial}']");
            await page.WaitForSelectorAsync($"#detail code.export:has-text('--trial {trial}')");
            await page.Mouse.MoveAsync(1, 1);
        }

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task A_run_growing_beside_the_dashboard_adds_points_without_a_reload()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(10);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(server.Url.ToString());
        await DashboardPage.WaitForPoints(page, 10);
        await page.EvaluateAsync("() => { window.sameDocument = true; }");

        run.Generation(10, failEvery: 5);
        var counts = await DashboardPage.WaitForPoints(page, 20);
        Assert.Equal(20 - run.FailedCount, counts["pareto:0-1"]);
        run.Generation(5);
        await DashboardPage.WaitForPoints(page, 25);

        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Several_runs_are_compared_with_fronts_and_hypervolume()
    {
        using var temp = new TempFolder();
        using var a = new GrowingRun(temp.Combine("alpha"), seed: 1);
        using var b = new GrowingRun(temp.Combine("beta"), seed: 2);
        a.Generation(12);
        b.Generation(8);
        await using var server = await DashboardServer.StartAsync([a.Path, b.Path], Local);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(server.Url.ToString());
        await DashboardPage.WaitForPoints(page, 12);
        await page.WaitForFunctionAsync("() => window.evomerge.charts['compare:hypervolume'] && window.evomerge.charts['compare:hypervolume'].getOption().series.length === 2");

        await page.SelectOptionAsync("#run-select", "1");
        await DashboardPage.WaitForPoints(page, 8);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task The_report_page_opens_offline_from_disk_with_every_point()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"), objectives: 3);
        run.Generation(30, failEvery: 10);
        run.Finish();
        string file = ReportPage.Write(run.Path, temp.Combine("report"), describer: null);
        var (page, errors) = await browser.NewPage();
        await page.Context.RouteAsync("**/*", route => route.Request.Url.StartsWith("file:", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());

        await page.GotoAsync(new Uri(file).AbsoluteUri);
        var counts = await DashboardPage.WaitForPoints(page, 30);

        Assert.Equal(27, counts["pareto:0-1"]);   // three objectives: three pairwise views
        Assert.Equal(27, counts["pareto:0-2"]);
        Assert.Equal(27, counts["pareto:1-2"]);
        Assert.Equal(27, counts["parallel:all"]);
        Assert.Empty(errors);
    }
}
