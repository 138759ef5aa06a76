namespace EvoMerge.Farm.Protocol;

/// <summary>
/// The coordinator's face to workers. Workers pull work (a lease per slot) rather than being pushed to, so a
/// slow or dead worker never holds up the others; every call after joining carries the session token the
/// join handed out, so only workers holding the run's cluster key can read candidates or submit results.
/// </summary>
public interface IFarmCoordinatorGrain : IGrainWithIntegerKey
{
    Task<JoinChallenge> Challenge();

    /// <param name="proof">HMAC-SHA256 of the nonce and the hello under the run's cluster key, hex.</param>
    Task<JoinVerdict> Join(WorkerHello hello, string nonce, string proof);

    /// <summary>
    /// The next job for a slot, waiting briefly for one; null when none came (ask again). <paramref name="held"/>
    /// names the jobs the slot still works on (the one it scores while it fetches the next); any other job the
    /// slot was given is taken as abandoned and handed out again.
    /// </summary>
    Task<FarmJob?> Lease(string token, int slot, long[] held);

    /// <summary>Hands in a slot's result (a pipelined slot does so while its next lease is already on the way).</summary>
    Task Complete(string token, SlotReport report);

    /// <summary>
    /// Hands in a slot's result and leases the slot's next job in the same round trip, so a slot that does not
    /// fetch ahead pays one call per trial.
    /// </summary>
    Task<FarmJob?> CompleteAndLease(string token, int slot, SlotReport report);

    /// <summary>False when the coordinator no longer knows the token (it declared the worker lost): rejoin.</summary>
    Task<bool> Heartbeat(string token);

    Task Leave(string token);
}
