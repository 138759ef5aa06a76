using Orleans.Connections.Security;

namespace EvoMerge.Farm.Security;

/// <summary>
/// Mutual TLS on every farm connection (Orleans.Connections.Security): both ends present the run's
/// <see cref="ClusterCertificate"/> and accept only a peer presenting the same public key. The HMAC join
/// proof stays on top; TLS adds that candidates and results are encrypted and that a machine without the key
/// cannot even open a connection.
/// </summary>
public static class FarmTls
{
    public static void Configure(ISiloBuilder silo, ClusterCertificate certificate, Action<string>? log) =>
        silo.UseTls(certificate.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (peer, _, _) =>
            {
                // Self-signed, so the chain is never trusted: the run's public key is what counts.
                if (certificate.IsRunPeer(peer)) return true;
                log?.Invoke("a connection without this run's cluster key was refused at the TLS handshake");
                return false;
            };
            options.OnAuthenticateAsClient = (_, client) => client.TargetHost = ClusterCertificate.HostName;
        });

    /// <param name="refused">Called when the coordinator's certificate is not the run's: this worker's key file is another run's.</param>
    public static void Configure(IClientBuilder client, ClusterCertificate certificate, Action refused) =>
        client.UseTls(certificate.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (peer, _, _) =>
            {
                if (certificate.IsRunPeer(peer)) return true;
                refused();
                return false;
            };
            options.OnAuthenticateAsClient = (_, authentication) => authentication.TargetHost = ClusterCertificate.HostName;
        });
}
