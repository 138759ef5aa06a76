using EvoMerge.Core.Optimization;
using EvoMerge.Dashboard.Pages;
using EvoMerge.Dashboard.Web;
using Microsoft.Playwright;

namespace EvoMerge.Dashboard.Tests.Browser;

/// <summary>M2N2 children: the trial detail names their parents as links, and a link opens that parent.</summary>
public sealed class LineageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DashboardOptions Local = new() { Port = 0, PollInterval = TimeSpan.FromMilliseconds(200) };

    /// <summary>Ten seeds, then ten children: child <c>c</c> was bred from seeds <c>c - 10</c> and <c>(c - 7) % 10</c>, split at gene 1.</summary>
    private static GrowingRun BredRun(string path)
    {
        var run = new GrowingRun(path);
        run.Generation(10);
        run.Generation(10, metadata: id => new Dictionary<string, string>
        {
            [CandidateMetadata.Parents] = CandidateMetadata.FormatIds([id - 10, (id - 7) % 10]),
            [CandidateMetadata.SplitAt] = "1",
        });
        return run;
    }

    [BrowserFact]
    public async Task Clicking_a_child_shows_its_parents_and_clicking_a_parent_opens_it_in_the_live_dashboard()
    {
        using var temp = new TempFolder();
        using var run = BredRun(temp.Combine("m2n2"));
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(server.Url.ToString());

        await OpenChildThenParent(page);

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task The_self_contained_report_links_parents_too()
    {
        using var temp = new TempFolder();
        using var run = BredRun(temp.Combine("m2n2"));
        string file = ReportPage.Write(run.Path, temp.Combine("report"), null);
        var (page, errors) = await browser.NewPage();
        await page.GotoAsync(new Uri(file).AbsoluteUri);

        await OpenChildThenParent(page);

        Assert.Empty(errors);
    }

    private static async Task OpenChildThenParent(IPage page)
    {
        await DashboardPage.WaitForPoints(page, 20);
        // Trial 13 is drawn in the right half of the history chart, which a chart that missed its resize
        // (the second objective's chart shrinks it) draws out of sight.
        var (x, y) = await DashboardPage.PixelOf(page, "history:0", 13);
        // Hover first, as a user does: the chart takes a click once the point is under the pointer.
        await page.Mouse.MoveAsync(x, y);
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('div')].some(d => d.style.display !== 'none' && d.style.visibility !== 'hidden' && d.textContent.startsWith('trial 13 '))",
            null, new PageWaitForFunctionOptions { Timeout = 10000 });
        await page.Mouse.ClickAsync(x, y);
        await page.WaitForSelectorAsync("#detail [data-trial='13']");

        var lineage = page.Locator("#detail .lineage");
        Assert.Equal("Parents: trial 3, trial 6; crossover split at gene 1 (layers_1-1.a.weight)", await lineage.TextContentAsync());
        Assert.Equal(["3", "6"], await lineage.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.parent)"));

        await lineage.Locator("a[data-parent='6']").ClickAsync();
        await page.WaitForSelectorAsync("#detail [data-trial='6']");
        // A seed has no parents.
        Assert.Equal(0, await page.Locator("#detail .lineage").CountAsync());
    }
}
