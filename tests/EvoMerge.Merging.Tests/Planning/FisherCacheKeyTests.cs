using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Merging.Tests.Planning;

/// <summary>The Fisher cache is found by the model's contents, not by its files' names, sizes and times.</summary>
public sealed class FisherCacheKeyTests : IDisposable
{
    readonly TempFolder _dir = new();
    readonly FisherDataSetting _data;

    public FisherCacheKeyTests()
    {
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), new TinyLlamaShape(), 1, 2);
        _data = new FisherDataSetting { Data = _dir.WriteLines("task.jsonl", "{\"text\": \"one two\"}") };
    }

    public void Dispose() => _dir.Dispose();

    string WeightFile() => Directory.EnumerateFiles(_dir.Combine("a"), "*.safetensors").Order(StringComparer.Ordinal).First();

    [Fact]
    public void A_model_rewritten_in_place_with_the_same_size_and_time_gets_a_new_key()
    {
        string before = FisherCacheKey.Of(_dir.Combine("a"), _data);
        string file = WeightFile();
        var written = File.GetLastWriteTimeUtc(file);
        var bytes = File.ReadAllBytes(file);
        // The last weight's last byte: same size, same header, another model.
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, written);

        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.NotEqual(before, FisherCacheKey.Of(_dir.Combine("a"), _data));
    }

    [Fact]
    public void A_model_only_touched_keeps_its_key()
    {
        string before = FisherCacheKey.Of(_dir.Combine("a"), _data);
        File.SetLastWriteTimeUtc(WeightFile(), DateTime.UtcNow.AddDays(1));

        Assert.Equal(before, FisherCacheKey.Of(_dir.Combine("a"), _data));
    }
}
