using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Search.Trials;

/// <summary>
/// A stable id of a run for <see cref="TrialRequest.RunId"/>: derived from its run_created event (config hash,
/// seed, creation time), so it is the same after every resume and differs between two runs of one config.
/// </summary>
public static class RunIds
{
    public static string Of(RunCreated created)
    {
        ArgumentNullException.ThrowIfNull(created);
        string text = string.Join('|', created.ConfigHash, created.Seed.ToString(CultureInfo.InvariantCulture),
                                  created.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
        return "run-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
