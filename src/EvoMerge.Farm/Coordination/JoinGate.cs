using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Security;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// Decides who may join the run's farm: the worker must prove it holds the cluster key (signing a fresh
/// nonce), run the same build, and see the same input files (models and task data, compared by
/// InputIdentity). A refusal names what differs; the run goes on with the others.
/// </summary>
public sealed class JoinGate(ClusterKey key, string buildId, RunDescription run, TimeProvider clock)
{
    static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(2);
    readonly ConcurrentDictionary<string, DateTimeOffset> nonces = new(StringComparer.Ordinal);

    public JoinChallenge Challenge()
    {
        var now = clock.GetUtcNow();
        foreach (var (stale, issued) in nonces)
            if (now - issued > NonceLifetime) nonces.TryRemove(stale, out _);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        nonces[nonce] = now;
        return new JoinChallenge(nonce, run.RunId, run.ConfigYaml, run.ConfigDirectory, run.Pipeline);
    }

    /// <summary>Null when the worker may join, else why not (for the worker and the coordinator's log).</summary>
    public string? Refusal(WorkerHello hello, string nonce, string proof)
    {
        if (!nonces.TryRemove(nonce ?? "", out var issued) || clock.GetUtcNow() - issued > NonceLifetime)
            return "the join challenge is unknown or expired; ask again.";
        if (!key.Verify(nonce!, hello.SignedText(), proof))
            return "the worker does not hold this run's cluster key (copy the run's cluster.key to the worker and pass it with --key-file).";
        if (hello.Slots < 1) return $"a worker needs at least one slot (it offered {hello.Slots}).";
        if (hello.BuildId != buildId)
            return $"the worker runs a different EvoMerge build ({hello.BuildId}) from the coordinator ({buildId}); build the same commit on both machines.";
        if (hello.SetupError is not null) return hello.SetupError;
        var theirs = hello.InputsJson is null ? null : JsonNode.Parse(hello.InputsJson);
        return InputMismatch.Describe(run.Inputs, theirs);
    }
}
