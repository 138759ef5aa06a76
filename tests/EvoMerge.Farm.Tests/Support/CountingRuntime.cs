using System.Text.Json.Nodes;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A worker runtime that counts the candidates each slot holds built at once (built, not yet freed), so tests
/// see whether a slot builds ahead, by how much, and whether it frees everything it built.
/// </summary>
sealed class CountingRuntime(JsonNode inputs, TimeSpan scoreTime) : IWorkerRuntime
{
    readonly Lock gate = new();
    readonly Dictionary<int, int> live = [];
    readonly Dictionary<int, int> most = [];

    public (string? InputsJson, string? SetupError) Inspect(JoinChallenge run) => (inputs.ToJsonString(), null);

    public ISlotEvaluator OpenSlot(JoinChallenge run, WorkerSlot slot) => new Slot(this, slot.Index);

    /// <summary>The most candidates any slot held built at once.</summary>
    public int MostHeld
    {
        get { lock (gate) return most.Values.DefaultIfEmpty(0).Max(); }
    }

    /// <summary>Candidates built and not freed, over all slots.</summary>
    public int Held
    {
        get { lock (gate) return live.Values.Sum(); }
    }

    void Built(int slot)
    {
        lock (gate)
        {
            live[slot] = live.GetValueOrDefault(slot) + 1;
            most[slot] = Math.Max(most.GetValueOrDefault(slot), live[slot]);
        }
    }

    void Freed(int slot)
    {
        lock (gate) live[slot]--;
    }

    sealed class Slot(CountingRuntime owner, int index) : ISlotEvaluator
    {
        public ISlotJob Prepare(string payload, CancellationToken cancellationToken)
        {
            owner.Built(index);
            return new Candidate(owner, index, payload);
        }

        public void Dispose() { }
    }

    sealed class Candidate(CountingRuntime owner, int slot, string payload) : ISlotJob
    {
        bool freed;

        public string Score(CancellationToken cancellationToken)
        {
            Task.Delay(owner.ScoreTime, cancellationToken).Wait(cancellationToken);
            return payload + "!";
        }

        public void Dispose()
        {
            if (freed) return;
            freed = true;
            owner.Freed(slot);
        }
    }

    TimeSpan ScoreTime => scoreTime;
}
