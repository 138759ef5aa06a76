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

    /// <summary>Hands in results without asking for work (a pipelined slot whose next job is not there yet).</summary>
    Task Complete(string token, SlotReport[] reports);

    /// <summary>
    /// Hands in results (any number, none included) and then leases up to <paramref name="max"/> jobs for the slot in
    /// the same round trip, waiting briefly for the first; empty when none came (ask again). The coordinator
    /// gives several only while jobs are short and many wait. <paramref name="held"/> names the jobs the slot still
    /// works on or holds (the jobs reported on need not be named, those of an earlier lease it has not started
    /// must be); any other job the slot was given is taken as abandoned and handed out again.
    /// </summary>
    Task<FarmJob[]> HandInAndLease(string token, int slot, SlotReport[] reports, long[] held, int max);

    /// <summary>False when the coordinator no longer knows the token (it declared the worker lost): rejoin.</summary>
    Task<bool> Heartbeat(string token);

    Task Leave(string token);
}
