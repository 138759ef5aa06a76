using System.Text.RegularExpressions;
using EvoMerge.Dashboard.Pages;

namespace EvoMerge.Dashboard.Tests.Web;

public class ReportPageTests
{
    [Fact]
    public void The_report_page_is_self_contained_with_the_runs_data()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(12, failEvery: 4);
        run.Generation(12);
        string path = ReportPage.Write(run.Path, temp.Combine("report"), describer: null);

        string html = File.ReadAllText(path);
        Assert.DoesNotMatch(new Regex("<script[^>]+src=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]+href=\"(?!data:)", RegexOptions.IgnoreCase), html);
        var data = Regex.Match(html, "<script id=\"evomerge-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success, "the page embeds its data");
        using var json = System.Text.Json.JsonDocument.Parse(data.Groups[1].Value);
        var points = json.RootElement.GetProperty("runs")[0].GetProperty("points").GetProperty("points");
        Assert.Equal(24, points.GetArrayLength());
        Assert.Equal([path], Directory.GetFiles(temp.Combine("report"))); // no temporary file left behind
    }

    [Fact]
    public void Text_that_would_close_the_script_element_is_escaped()
    {
        using var temp = new TempFolder();
        string folder = temp.Combine("run</script><script>alert(1)</script>");
        using var run = new GrowingRun(folder);
        run.Generation(3);
        string html = File.ReadAllText(ReportPage.Write(run.Path, temp.Combine("report"), describer: null));
        Assert.DoesNotContain("<script>alert(1)", html);
    }
}
