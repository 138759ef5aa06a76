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
    public void The_page_gets_the_category_names_of_a_method_gene_beside_its_genes()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("methods"), methods: ["ties", "slerp", "linear"]);
        run.Generation(4);
        string html = File.ReadAllText(ReportPage.Write(run.Path, temp.Combine("report"), describer: null));

        var data = Regex.Match(html, "<script id=\"evomerge-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline);
        using var json = System.Text.Json.JsonDocument.Parse(data.Groups[1].Value);
        var meta = json.RootElement.GetProperty("runs")[0].GetProperty("meta");
        Assert.Equal(["method", "layers_1-1.a.weight", "layers_2-2.a.weight"], meta.GetProperty("genes").EnumerateArray().Select(g => g.GetString()!));
        var categories = meta.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(3, categories.Count); // one entry per gene, in gene order
        Assert.Equal(["ties", "slerp", "linear"], categories[0].EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, categories[1].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, categories[2].ValueKind);
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
