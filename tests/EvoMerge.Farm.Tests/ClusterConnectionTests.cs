using System.Net;
using EvoMerge.Farm.Cluster;

namespace EvoMerge.Farm.Tests;

public class ClusterConnectionTests
{
    [Fact]
    public void A_gateway_address_and_a_redis_url_parse_to_their_membership()
    {
        var gateway = ClusterConnection.Parse("127.0.0.1:30001", "--cluster");
        Assert.Equal((ClusterMembership.Gateway, new IPEndPoint(IPAddress.Loopback, 30001)), (gateway.Membership, gateway.Gateway));
        var redis = ClusterConnection.Parse("redis://10.0.0.5/nightly", "--cluster");
        Assert.Equal((ClusterMembership.Redis, "10.0.0.5:6379", "nightly"), (redis.Membership, redis.RedisConfiguration, redis.ClusterId));
        Assert.Equal("redis://10.0.0.5:6379/nightly", redis.ToString());
        Assert.Equal(ClusterConnection.DefaultClusterId, ClusterConnection.Parse("redis://h:7000", "x").ClusterId);
    }

    [Theory]
    [InlineData("postgres://db/farm", "only redis://")]
    [InlineData("127.0.0.1", "expected HOST:PORT")]
    [InlineData("127.0.0.1:70000", "expected HOST:PORT")]
    [InlineData("redis://", "the Redis host is missing")]
    public void Other_strings_are_refused_naming_the_field(string text, string why)
    {
        var error = Assert.Throws<FarmSetupException>(() => ClusterConnection.Parse(text, "execution.cluster.connection"));
        Assert.StartsWith($"execution.cluster.connection: '{text}'", error.Message);
        Assert.Contains(why, error.Message);
    }
}
