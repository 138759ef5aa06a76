using EvoMerge.Farm.Security;
using EvoMerge.TestSupport;

namespace EvoMerge.Farm.Tests;

public class ClusterCertificateTests
{
    [Fact]
    public void Every_holder_of_the_key_file_makes_the_same_key_pair_and_strangers_do_not()
    {
        using var folder = new TempFolder();
        var key = ClusterKey.Create();
        key.Write(folder.Combine("run.key"));
        using var coordinator = ClusterCertificate.From(key);
        using var worker = ClusterCertificate.From(ClusterKey.Read(folder.Combine("run.key")));
        using var stranger = ClusterCertificate.From(ClusterKey.Create());

        Assert.True(coordinator.Certificate.HasPrivateKey);
        Assert.True(coordinator.IsRunPeer(worker.Certificate));
        Assert.True(worker.IsRunPeer(coordinator.Certificate));
        Assert.False(coordinator.IsRunPeer(stranger.Certificate));
        Assert.False(stranger.IsRunPeer(coordinator.Certificate));
        Assert.False(coordinator.IsRunPeer(null));
        Assert.Equal($"CN={ClusterCertificate.HostName}", coordinator.Certificate.Subject);
    }
}
