using System.Text;
using EvoMerge.Search.Inputs;

namespace EvoMerge.Search.Tests.Inputs;

/// <summary>
/// Run folders keep each input's identity in the journal's first line and resume compares it with the files
/// as they are now: the hashes below were computed by the code that wrote existing journals, so a change to
/// how a file's identity is computed (which would refuse every existing run's resume) fails here.
/// </summary>
public sealed class InputIdentityCompatibilityTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "evomerge-identity-" + Guid.NewGuid().ToString("N"));

    public InputIdentityCompatibilityTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A safetensors file with a 40,000-float tensor: larger than the sampled blocks, so sampling shows.</summary>
    static byte[] PatternedSafeTensors()
    {
        var header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[40000],\"data_offsets\":[0,160000]}}  ");
        var bytes = new byte[8 + header.Length + 160_000];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        for (int i = 0; i < 160_000; i++) bytes[8 + header.Length + i] = (byte)((i * 7 + 3) % 251);
        return bytes;
    }

    static string PatternedCsv() =>
        "text,label\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"row {i * 31 % 997},{i % 3}\n"));

    /// <summary>The journal entry of <paramref name="path"/> as the code that wrote existing journals recorded it.</summary>
    static void AssertRecordedAs(string path, long size, string headerSha256, string sampleSha256)
    {
        var identity = InputIdentity.Describe(path);

        Assert.Equal(path, identity["path"]!.GetValue<string>());
        Assert.Equal(size, identity["size"]!.GetValue<long>());
        Assert.Equal(headerSha256, identity["header_sha256"]!.GetValue<string>());
        Assert.Equal(sampleSha256, identity["sample_sha256"]!.GetValue<string>());
    }

    [Fact]
    public void A_safetensors_file_has_the_identity_existing_journals_recorded()
    {
        string path = Path.Combine(_folder, "model.safetensors");
        File.WriteAllBytes(path, PatternedSafeTensors());

        AssertRecordedAs(path, 160_073L, "31c7fa98636b30408c764b68838455b579413ecf0325ae93c27740221b3bba6c",
                         "99f6e2679eef3eaf9ff7b4e4cdbe57c4cb4244182b82d28bb183ce5b4146e89c");
    }

    [Fact]
    public void A_data_file_has_the_identity_existing_journals_recorded()
    {
        string path = Path.Combine(_folder, "fit.csv");
        File.WriteAllText(path, PatternedCsv());

        AssertRecordedAs(path, 49_456L, "1ed698f7e02d6c3b95ffcdc1ff4d29c3ceb664167349d824a6ddb44ca4d82339",
                         "0d4b51ed95cf9e64194889b6a34f7000b2dd45ea44ce490a069dd43e180ccb4d");
    }

    [Fact]
    public void A_file_smaller_than_one_block_has_the_identity_existing_journals_recorded()
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, "{\"hidden_size\": 8}");

        AssertRecordedAs(path, 18L, "a010c0bd8122f369f196536fffc217e49d7aedd9e91bc0282a0995cc575e6c57",
                         "63696edfddccf56655540deefa171cb767a5a62a4af9fe3af7f4f9dde47eb0fb");
    }
}
