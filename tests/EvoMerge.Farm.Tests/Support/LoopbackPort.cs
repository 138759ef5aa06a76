using System.Net;
using System.Net.Sockets;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>Whether a server the tests started listens yet on a loopback port.</summary>
static class LoopbackPort
{
    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }
}
