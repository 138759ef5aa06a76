using EvoMerge.Search.Config;

namespace EvoMerge.Search.Tests.Config;

public class PathMapTests
{
    [Fact]
    public void The_longest_matching_folder_wins_and_only_whole_folder_names_match()
    {
        var map = PathMap.Parse(["/data=/mnt/data", "/data/models/=/fast/models"], "--path-map");
        Assert.Equal("/fast/models/a/model.safetensors", map.Apply("/data/models/a/model.safetensors"));
        Assert.Equal("/mnt/data/tasks/dev.csv", map.Apply("/data/tasks/dev.csv"));
        Assert.Equal("/mnt/data/models2/x", map.Apply("/data/models2/x"));
        Assert.Equal("/fast/models", map.Apply("/data/models"));
        Assert.Equal("/database/x", map.Apply("/database/x"));
        Assert.Equal("/data/models/a/model.safetensors", map.Inverse().Apply("/fast/models/a/model.safetensors"));
    }

    [Theory]
    [InlineData("/data")]
    [InlineData("data=/mnt/data")]
    [InlineData("/data=")]
    public void A_rule_that_is_not_two_absolute_folders_is_refused_naming_the_option(string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => PathMap.Parse([rule], "--path-map"));
        Assert.StartsWith($"--path-map: '{rule}'", error.Message);
    }
}
