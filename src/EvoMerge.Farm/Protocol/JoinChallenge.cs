namespace EvoMerge.Farm.Protocol;

/// <summary>
/// The coordinator's answer to "may I join?": a fresh random nonce the worker must sign with the run's cluster
/// key (so the key itself never crosses the network), and the run's config, which a worker needs to check
/// its input files before joining. <paramref name="Pipeline"/>: whether slots build their next candidate while
/// the current one is scored (the coordinator decides, so every worker of a run behaves the same).
/// </summary>
[GenerateSerializer]
public sealed record JoinChallenge(string Nonce, string RunId, string ConfigYaml, string ConfigDirectory, bool Pipeline);
