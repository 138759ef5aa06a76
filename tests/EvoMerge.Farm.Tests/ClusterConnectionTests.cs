using System.Net;
using EvoMerge.Farm.Cluster;
using EvoMerge.Search.Config;

namespace EvoMerge.Farm.Tests;

public class ClusterConnectionTests
{
    [Fact]
    public void A_gateway_address_and_a_redis_url_parse_to_their_membership()
    {
        var gateway = ClusterConnection.Parse("127.0.0.1:30001", "--cluster");
        Assert.Equal((ClusterMembership.Gateway, new IPEndPoint(IPAddress.Loopback, 30001)), (gateway.Membership, gateway.Gateway));
        var redis = ClusterConnection.Parse("redis://10.0.0.5/nightly", "--cluster");
        Assert.Equal((ClusterMembership.Redis, "10.0.0.5:6379", "nightly"), (redis.Membership, redis.Store, redis.ClusterId));
        Assert.Equal("redis://10.0.0.5:6379/nightly", redis.ToString());
        Assert.Equal(ClusterConnection.DefaultClusterId, ClusterConnection.Parse("redis://h:7000", "x").ClusterId);
    }

    [Fact]
    public void Every_store_the_config_check_accepts_is_one_the_farm_parses()
    {
        var parsed = MembershipStore.All.SelectMany(store => store.Schemes.Select(scheme =>
            (store.Name, ClusterConnection.Parse($"{scheme}farm@10.0.0.5:7000/runs", "execution.cluster.connection").Membership)));

        Assert.Equal(
            [("Redis", ClusterMembership.Redis), ("PostgreSQL", ClusterMembership.Postgres), ("PostgreSQL", ClusterMembership.Postgres)],
            parsed);
    }

    [Fact]
    public void A_connection_that_is_no_form_names_every_store()
    {
        var error = Assert.Throws<FarmSetupException>(() => ClusterConnection.Parse("db.lan", "--cluster"));
        Assert.All(MembershipStore.All, store => Assert.Contains(store.Form, error.Message));
    }

    [Theory]
    [InlineData("mysql://db/farm", "the membership stores are redis:// and postgres://")]
    [InlineData("postgres://db", "the database name is missing")]
    [InlineData("postgres://db/farm?clutser=x", "unknown option 'clutser'")]
    [InlineData("127.0.0.1", "expected HOST:PORT")]
    [InlineData("127.0.0.1:70000", "expected HOST:PORT")]
    [InlineData("redis://", "the Redis host is missing")]
    public void Other_strings_are_refused_naming_the_field(string text, string why)
    {
        var error = Assert.Throws<FarmSetupException>(() => ClusterConnection.Parse(text, "execution.cluster.connection"));
        Assert.StartsWith($"execution.cluster.connection: '{text}'", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_postgres_url_gives_an_npgsql_connection_and_prints_without_its_password()
    {
        var postgres = ClusterConnection.Parse("postgresql://farm:s%40cret@10.0.0.5:5433/evomerge?cluster=nightly", "--cluster");
        Assert.Equal((ClusterMembership.Postgres, "nightly"), (postgres.Membership, postgres.ClusterId));
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(postgres.Store);
        Assert.Equal(("10.0.0.5", 5433, "evomerge", "farm", "s@cret"), (settings.Host, settings.Port, settings.Database, settings.Username, settings.Password));
        Assert.Equal("postgres://farm@10.0.0.5:5433/evomerge?cluster=nightly", postgres.ToString());
        var defaults = ClusterConnection.Parse("postgres://db.lan/runs", "x");
        Assert.Equal((5432, ClusterConnection.DefaultClusterId), (new Npgsql.NpgsqlConnectionStringBuilder(defaults.Store).Port, defaults.ClusterId));
    }

    [Fact]
    public void A_refused_postgres_url_does_not_repeat_its_password()
    {
        var error = Assert.Throws<FarmSetupException>(() => ClusterConnection.Parse("postgres://farm:hunter2@db/x?bad=1", "--cluster"));
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("postgres://farm:***@db/x?bad=1", error.Message);
    }
}
