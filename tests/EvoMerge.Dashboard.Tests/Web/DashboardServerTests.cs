using System.Net;
using System.Text.Json;
using EvoMerge.Dashboard.Web;

namespace EvoMerge.Dashboard.Tests.Web;

public class DashboardServerTests
{
    private static readonly DashboardOptions Local = new() { Port = 0, PollInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Serves_the_runs_and_their_points()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(5, failEvery: 5);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        using var http = new HttpClient { BaseAddress = server.Url };

        using var runs = JsonDocument.Parse(await http.GetStringAsync("api/runs"));
        var meta = Assert.Single(runs.RootElement.EnumerateArray().ToList());
        Assert.Equal("alpha", meta.GetProperty("name").GetString());
        Assert.Equal(3, meta.GetProperty("genes").GetArrayLength());

        using var points = JsonDocument.Parse(await http.GetStringAsync("api/runs/alpha/points"));
        Assert.Equal(5, points.RootElement.GetProperty("points").GetArrayLength());
        var failed = points.RootElement.GetProperty("points")[4];
        Assert.True(failed[2].GetBoolean());
        Assert.StartsWith("out of memory", failed[7].GetString());

        using var detail = JsonDocument.Parse(await http.GetStringAsync("api/runs/alpha/trials/1"));
        Assert.Contains("--trial 1", detail.RootElement.GetProperty("export").GetString());
    }

    [Theory]
    [InlineData("api/runs/..%2F..%2Fetc/points")]
    [InlineData("api/runs/%2E%2E/points")]
    [InlineData("api/runs/alpha%2F..%2Fbeta/points")]
    [InlineData("api/runs/beta/points")]
    [InlineData("assets/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("assets/%2E%2E%2Fjournal.jsonl")]
    [InlineData("assets/EvoMerge.Dashboard.dll")]
    [InlineData("alpha/journal.jsonl")]
    [InlineData("../journal.jsonl")]
    [InlineData("api/runs/alpha/trials/999")]
    public async Task Paths_in_urls_cannot_leave_the_given_run_folders(string path)
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(2);
        // A sibling run folder that was not given, and a secret beside the runs: neither may be served.
        using var other = new GrowingRun(temp.Combine("beta"));
        File.WriteAllText(temp.Combine("secret.txt"), "do not serve");
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        using var http = new HttpClient { BaseAddress = server.Url };

        using var response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("seq", body);
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task Nothing_served_writes()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        using var http = new HttpClient { BaseAddress = server.Url };
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, "api/runs/alpha/points"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_token_is_required_when_one_is_set()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        var options = Local with { Token = "s3cret-token" };
        await using var server = await DashboardServer.StartAsync([run.Path], options);
        Assert.Contains("token=s3cret-token", server.Url.Query);
        var root = new Uri(server.Url.GetLeftPart(UriPartial.Authority));
        using var http = new HttpClient { BaseAddress = root };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/runs?token=wrong-token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/runs?token=s3cret-token")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/runs");
        request.Headers.Add(RequestGate.HeaderName, "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_only_loopback_host_names_are_answered()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        using var http = new HttpClient { BaseAddress = server.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/runs");
        request.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("0.0.0.0", null, "--token")]
    [InlineData("192.168.1.5", null, "--token")]
    [InlineData("example.com", "long-enough-token", "--host")]
    [InlineData("127.0.0.1", "short", "--token")]
    public void Unsafe_or_malformed_options_are_refused_naming_the_option(string host, string? token, string named)
    {
        var options = new DashboardOptions { Host = host, Token = token };
        var error = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Any_address_with_a_token_is_allowed()
    {
        Assert.Equal(IPAddress.Any, new DashboardOptions { Host = "0.0.0.0", Token = "long-enough-token" }.Validate());
    }

    [Fact]
    public async Task The_stream_sends_points_added_while_it_is_open()
    {
        using var temp = new TempFolder();
        using var run = new GrowingRun(temp.Combine("alpha"));
        run.Generation(3);
        await using var server = await DashboardServer.StartAsync([run.Path], Local);
        using var http = new HttpClient { BaseAddress = server.Url };
        using var response = await http.GetAsync("api/runs/alpha/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        async Task<JsonDocument> NextPoints()
        {
            while (true)
            {
                string line = (await reader.ReadLineAsync(timeout.Token))!;
                if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]);
            }
        }

        using (var first = await NextPoints())
        {
            Assert.Equal(3, first.RootElement.GetProperty("points").GetArrayLength());
        }

        run.Generation(4);
        using var second = await NextPoints();
        Assert.Equal(4, second.RootElement.GetProperty("points").GetArrayLength());
        Assert.Equal(7, second.RootElement.GetProperty("cursor").GetInt32());
    }
}
