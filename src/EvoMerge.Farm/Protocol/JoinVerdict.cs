namespace EvoMerge.Farm.Protocol;

/// <summary>
/// The coordinator's decision on a worker: a session token to present on every later call when admitted, or
/// the reason it was refused (naming the file, the build or the key).
/// </summary>
[GenerateSerializer]
public sealed record JoinVerdict(string? Token, string? Refusal)
{
    public bool Admitted => Token is not null;
}
