using EvoMerge.Models.HuggingFace;

namespace EvoMerge.Models.Tests.HuggingFace;

public sealed class HubCacheTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "evomerge-hf-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    HubCache Cache(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value);

    string Snapshot(string hub, string repoFolder, string revision, bool writeRef = true)
    {
        string repo = Path.Combine(hub, repoFolder);
        string snapshot = Path.Combine(repo, "snapshots", revision);
        Directory.CreateDirectory(snapshot);
        File.WriteAllText(Path.Combine(snapshot, "config.json"), "{}");
        if (writeRef)
        {
            Directory.CreateDirectory(Path.Combine(repo, "refs"));
            File.WriteAllText(Path.Combine(repo, "refs", "main"), revision + "\n");
        }

        return snapshot;
    }

    [Fact]
    public void An_org_name_id_resolves_to_the_snapshot_named_by_refs_main()
    {
        string home = Path.Combine(_root, "hf");
        Snapshot(Path.Combine(home, "hub"), "models--Qwen--Qwen2.5-0.5B", "0123abc");
        string wanted = Snapshot(Path.Combine(home, "hub"), "models--Qwen--Qwen2.5-0.5B", "4567def");
        var cache = Cache(("HF_HOME", home));
        Assert.Equal(Path.Combine(home, "hub"), cache.HubFolder);
        Assert.Equal(wanted, cache.Resolve("Qwen/Qwen2.5-0.5B"));
    }

    [Fact]
    public void The_hub_folder_follows_the_huggingface_hub_precedence()
    {
        Assert.Equal("/h/hub", Cache(("HF_HUB_CACHE", "/h/hub"), ("HF_HOME", "/x")).HubFolder);
        Assert.Equal("/x/hub", Cache(("HF_HOME", "/x"), ("XDG_CACHE_HOME", "/c")).HubFolder);
        Assert.Equal("/c/huggingface/hub", Cache(("XDG_CACHE_HOME", "/c"), ("HOME", "/home/u")).HubFolder);
        Assert.Equal("/home/u/.cache/huggingface/hub", Cache(("HOME", "/home/u"), ("HF_HOME", "")).HubFolder);
    }

    [Theory]
    [InlineData("meta-llama/Llama-3.2-1B", true)]
    [InlineData("Qwen/Qwen2.5-0.5B-Instruct", true)]
    [InlineData("models/base", true)]
    [InlineData("./models/base", false)]
    [InlineData("/abs/path", false)]
    [InlineData("a/b/c", false)]
    [InlineData("../x", false)]
    [InlineData("plainfolder", false)]
    public void Model_ids_have_one_slash_and_no_path_syntax(string text, bool expected) =>
        Assert.Equal(expected, HubCache.IsModelId(text));

    [Fact]
    public void A_model_missing_from_the_cache_names_the_folder_and_how_to_fetch_it()
    {
        var cache = Cache(("HF_HUB_CACHE", Path.Combine(_root, "hub")));
        var error = Assert.Throws<FileNotFoundException>(() => cache.Resolve("acme/tiny"));
        Assert.Contains(Path.Combine(_root, "hub", "models--acme--tiny"), error.Message);
        Assert.Contains("huggingface-cli download acme/tiny", error.Message);
    }

    [Fact]
    public void A_missing_ref_or_snapshot_is_reported()
    {
        string hub = Path.Combine(_root, "hub");
        var cache = Cache(("HF_HUB_CACHE", hub));
        Snapshot(hub, "models--acme--noref", "abc", writeRef: false);
        Assert.Contains("refs/main is missing", Assert.Throws<FileNotFoundException>(() => cache.Resolve("acme/noref")).Message);

        Snapshot(hub, "models--acme--stale", "abc");
        File.WriteAllText(Path.Combine(hub, "models--acme--stale", "refs", "main"), "fff");
        Assert.Contains("names revision 'fff'", Assert.Throws<FileNotFoundException>(() => cache.Resolve("acme/stale")).Message);
    }
}
