using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Files;

namespace EvoMerge.Runs.Tests;

public class SnapshotStoreTests
{
    [Fact]
    public void Saves_under_a_generation_name_with_the_hash_of_its_bytes_and_loads_exactly()
    {
        using var folder = new TempFolder();
        var store = new SnapshotStore(folder.Path);
        var state = new JsonObject { ["name"] = "cmaes", ["mean"] = new JsonArray(Samples.TrickyDoubles.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()) };

        var written = store.Save(42, state);

        Assert.Equal("gen-000042.json", written.FileName);
        Assert.Equal(42, written.Generation);
        string path = Path.Combine(folder.Path, "snapshots", "gen-000042.json");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), written.Sha256);
        var loaded = store.Load(written);
        Bits.Equal(Samples.TrickyDoubles, loaded["mean"]!.AsArray().Select(n => n!.GetValue<double>()).ToList());
    }

    [Fact]
    public void Loading_a_changed_snapshot_fails_naming_both_hashes()
    {
        using var folder = new TempFolder();
        var store = new SnapshotStore(folder.Path);
        var written = store.Save(1, new JsonObject { ["x"] = 1 });
        File.WriteAllText(Path.Combine(store.Folder, written.FileName), "{\"x\":2}");

        var error = Assert.Throws<InvalidDataException>(() => store.Load(written));

        Assert.Contains(written.Sha256, error.Message);
    }

    [Fact]
    public void The_latest_valid_snapshot_is_used_and_damaged_newer_ones_are_reported()
    {
        using var folder = new TempFolder();
        var store = new SnapshotStore(folder.Path);
        var first = store.Save(1, new JsonObject { ["g"] = 1 });
        var second = store.Save(2, new JsonObject { ["g"] = 2 });
        var third = store.Save(3, new JsonObject { ["g"] = 3 });

        Assert.Equal(3, store.LoadLatestValid([first, second, third])!.State["g"]!.GetValue<int>());

        File.Delete(Path.Combine(store.Folder, third.FileName));
        File.AppendAllText(Path.Combine(store.Folder, second.FileName), " ");
        var loaded = store.LoadLatestValid([first, second, third])!;

        Assert.Equal(first, loaded.Reference);
        Assert.Equal(1, loaded.State["g"]!.GetValue<int>());
        Assert.Equal(2, loaded.Skipped.Count);
        Assert.StartsWith(third.FileName, loaded.Skipped[0]);
        Assert.StartsWith(second.FileName, loaded.Skipped[1]);
    }

    [Fact]
    public void No_reference_means_no_snapshot_and_only_damaged_ones_is_an_error()
    {
        using var folder = new TempFolder();
        var store = new SnapshotStore(folder.Path);
        Assert.Null(store.LoadLatestValid([]));

        var only = store.Save(0, new JsonObject());
        File.Delete(Path.Combine(store.Folder, only.FileName));
        Assert.Throws<InvalidDataException>(() => store.LoadLatestValid([only]));
    }
}
