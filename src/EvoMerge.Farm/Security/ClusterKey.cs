using System.Security.Cryptography;
using System.Text;

namespace EvoMerge.Farm.Security;

/// <summary>
/// The run's shared secret: 32 random bytes in a key file that only the coordinator's user can read. A worker
/// proves it holds the key by signing the coordinator's fresh nonce (HMAC-SHA256), so the key never crosses
/// the network and a recorded join cannot be replayed. The key file is what a second machine needs.
/// </summary>
public sealed class ClusterKey
{
    const string Header = "evomerge-cluster-key-v1";
    readonly byte[] secret;

    ClusterKey(byte[] secret) => this.secret = secret;

    public static ClusterKey Create() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads a key file; a clear message naming the file when it is missing or not a key file.</summary>
    public static ClusterKey Read(string path)
    {
        if (!File.Exists(path))
            throw new FarmSetupException($"{path}: the cluster key file does not exist. Copy the run's key file (written next to the run as cluster.key) to this machine and pass it with --key-file.");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (lines.Length != 2 || lines[0] != Header || lines[1].Length != 64 || !lines[1].All(Uri.IsHexDigit))
            throw new FarmSetupException($"{path}: not an EvoMerge cluster key file (expected the line '{Header}' then 64 hex digits).");
        return new ClusterKey(Convert.FromHexString(lines[1]));
    }

    /// <summary>Writes the key readable by its owner only, through a temporary file so no half key is left.</summary>
    public void Write(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write($"{Header}\n{Convert.ToHexStringLower(secret)}\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Key material for <paramref name="purpose"/> derived from the secret (HKDF-SHA256), so one key file serves several uses.</summary>
    internal byte[] Derive(string purpose, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>The proof of holding the key for this nonce and message.</summary>
    public string Sign(string nonce, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(nonce + "\n" + message)));

    public bool Verify(string nonce, string message, string proof)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(nonce, message));
        var given = Encoding.ASCII.GetBytes(proof ?? "");
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
