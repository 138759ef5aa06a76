using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EvoMerge.Farm.Security;

/// <summary>
/// The run's TLS identity, derived from its <see cref="ClusterKey"/>: an ECDSA P-256 key pair whose private
/// scalar comes from the key file (HKDF), in a self-signed certificate. Every holder of the key file makes
/// the same key pair, so the coordinator and its workers recognise each other by the certificate's public key
/// (<see cref="IsRunPeer"/>) with no certificate authority and no second file to copy; a machine without the
/// key can neither complete a handshake nor read the traffic.
/// </summary>
public sealed class ClusterCertificate : IDisposable
{
    /// <summary>The name both sides put in and expect of the certificate (SNI and subject); not a DNS name.</summary>
    public const string HostName = "evomerge-farm";
    const string Purpose = "evomerge farm tls ecdsa p-256 v1";

    // The order n of the P-256 group: a private scalar must lie in [1, n-1].
    static readonly BigInteger GroupOrder = BigInteger.Parse("115792089210356248762697446949407573529996955224135760342422259061068512044369",
        System.Globalization.CultureInfo.InvariantCulture);

    readonly byte[] publicKeyHash;

    ClusterCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        publicKeyHash = SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The certificate with its private key, for the local end of every connection.</summary>
    public X509Certificate2 Certificate { get; }

    public static ClusterCertificate From(ClusterKey key)
    {
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = PrivateScalar(key) });
        var request = new CertificateRequest($"CN={HostName}", ecdsa, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        // Fixed dates: peers are recognised by their key, and a run may last longer than any short validity.
        using var selfSigned = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2120, 1, 1, 0, 0, 0, TimeSpan.Zero));
        // SslStream on Linux wants a certificate whose private key came from a PKCS#12 import.
        return new ClusterCertificate(X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null));
    }

    /// <summary>True when <paramref name="peer"/> carries this run's public key, whatever else its chain says.</summary>
    public bool IsRunPeer(X509Certificate? peer)
    {
        if (peer is null) return false;
        if (peer is X509Certificate2 full) return HasRunKey(full);
        using var loaded = X509CertificateLoader.LoadCertificate(peer.GetRawCertData());
        return HasRunKey(loaded);
    }

    bool HasRunKey(X509Certificate2 certificate) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()), publicKeyHash);

    static byte[] PrivateScalar(ClusterKey key)
    {
        // A 256-bit string is a valid scalar unless it is 0 or at least n (chance about 2^-32); then derive again.
        for (int attempt = 0; ; attempt++)
        {
            var bytes = key.Derive(Purpose + (attempt == 0 ? "" : $" #{attempt}"), 32);
            var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
            if (!value.IsZero && value < GroupOrder) return bytes;
        }
    }

    public void Dispose() => Certificate.Dispose();
}
