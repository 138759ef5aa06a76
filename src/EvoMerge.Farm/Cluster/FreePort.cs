using System.Net;
using System.Net.Sockets;

namespace EvoMerge.Farm.Cluster;

/// <summary>A TCP port free right now on an address, for a silo or gateway the user did not pin.</summary>
public static class FreePort
{
    public static int On(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
