using EvoMerge.Farm.Protocol;
using Orleans.Concurrency;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// The grain workers call; it lives in the coordinator's silo and forwards to the run's <see cref="WorkBoard"/>
/// and <see cref="JoinGate"/>. Reentrant: many slots wait for work at once, and none may block another.
/// </summary>
[Reentrant]
public sealed class FarmCoordinatorGrain(WorkBoard board, JoinGate gate) : Grain, IFarmCoordinatorGrain
{
    /// <summary>How long a lease call waits for work before answering "none yet" (well under Orleans' call timeout).</summary>
    static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(2);

    public Task<JoinChallenge> Challenge() => Task.FromResult(gate.Challenge());

    public Task<JoinVerdict> Join(WorkerHello hello, string nonce, string proof)
    {
        var refusal = gate.Refusal(hello, nonce, proof);
        if (refusal is not null)
        {
            board.Refuse(hello.Name, refusal);
            return Task.FromResult(new JoinVerdict(null, refusal));
        }
        return Task.FromResult(new JoinVerdict(board.Admit(hello.Name, hello.Slots), null));
    }

    public Task Complete(string token, SlotReport[] reports)
    {
        foreach (var report in reports) board.Complete(token, report);
        return Task.CompletedTask;
    }

    public Task<FarmJob[]> HandInAndLease(string token, int slot, SlotReport[] reports, long[] held, int max)
    {
        foreach (var report in reports) board.Complete(token, report);
        return board.LeaseManyAsync(token, slot, held, max, LeaseWait, CancellationToken.None);
    }

    public Task<bool> Heartbeat(string token) => Task.FromResult(board.Heartbeat(token));

    public Task Leave(string token)
    {
        board.Leave(token);
        return Task.CompletedTask;
    }
}
