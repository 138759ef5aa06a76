using System.Threading.Channels;
using EvoMerge.Farm.Protocol;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Coordination;

/// <summary>
/// The coordinator's book of work: jobs waiting, jobs out on slots (leases), the workers admitted, and the
/// outcomes of the batch in flight. Workers pull jobs; a worker not heard from within the heartbeat timeout is
/// declared lost and its jobs go back to the front of the queue (an infrastructure failure, counted against
/// the job's retries); a result for a job already finished (a slow worker that was thought dead) is dropped.
/// One batch at a time: the run loop hands over a generation and waits for its outcomes.
/// </summary>
public sealed class WorkBoard
{
    readonly Lock gate = new();
    /// <summary>The scoring time one lease may take at most (<see cref="ChunkSize"/>): well under what a batch's tail may cost.</summary>
    static readonly TimeSpan LeaseWork = TimeSpan.FromMilliseconds(20);

    readonly TimeProvider clock;
    readonly int retries;
    readonly TimeSpan heartbeatTimeout;
    readonly LinkedList<FarmJob> waiting = new();
    readonly Dictionary<long, SlotLease> leases = [];
    readonly Dictionary<string, WorkerSession> workers = new(StringComparer.Ordinal);
    readonly HashSet<long> open = [];
    readonly HashSet<long> finished = [];
    Channel<FarmOutcome> outcomes = Channel.CreateUnbounded<FarmOutcome>();
    TaskCompletionSource workArrived = NewSignal();
    readonly SlotClock slotClock;
    long completed;
    double scoringSeconds;
    double dispatchSeconds;
    long dispatches;

    public WorkBoard(int retries, TimeSpan heartbeatTimeout, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        this.retries = retries;
        this.heartbeatTimeout = heartbeatTimeout;
        this.clock = clock;
        slotClock = new SlotClock(clock.GetUtcNow());
    }

    /// <summary>Said when a worker joins, is lost or leaves, and when a job is re-dispatched or given up.</summary>
    public event Action<string>? Notice;

    /// <summary>
    /// Queues a batch; its outcomes (one per job, in completion order) come from the returned reader, which
    /// completes when every job of the batch has one.
    /// </summary>
    public ChannelReader<FarmOutcome> Submit(IReadOnlyList<(long Id, string Payload)> jobs)
    {
        lock (gate)
        {
            if (open.Count > 0) throw new InvalidOperationException("The farm is still evaluating the previous batch.");
            outcomes = Channel.CreateUnbounded<FarmOutcome>();
            finished.Clear();
            foreach (var (id, payload) in jobs)
            {
                if (!open.Add(id)) throw new ArgumentException($"Job {id} appears twice in one batch.", nameof(jobs));
                waiting.AddLast(new FarmJob(id, payload, 0));
            }
            if (open.Count == 0) outcomes.Writer.TryComplete();
            Wake();
            return outcomes.Reader;
        }
    }

    /// <summary>
    /// Drops the batch in flight (the run was cancelled): waiting jobs are forgotten, results still coming for
    /// its jobs are dropped, and the next <see cref="Submit"/> may start.
    /// </summary>
    public void Abandon()
    {
        lock (gate)
        {
            slotClock.Advance(clock.GetUtcNow(), TotalSlots());
            waiting.Clear();
            leases.Clear();
            open.Clear();
            outcomes.Writer.TryComplete();
        }
    }

    public string Admit(string name, int slots)
    {
        lock (gate)
        {
            var unique = name;
            for (int n = 2; workers.Values.Any(w => w.Name == unique); n++) unique = $"{name}#{n}";
            var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            var now = clock.GetUtcNow();
            slotClock.Advance(now, TotalSlots());
            workers[token] = new WorkerSession(token, unique, slots, now);
            Notice?.Invoke($"worker {unique} joined with {slots} slot{(slots == 1 ? "" : "s")}");
            return token;
        }
    }

    /// <summary>Records a refused join, so the coordinator's log says who was turned away and why.</summary>
    public void Refuse(string name, string why) => Notice?.Invoke($"worker {name} refused: {why}");

    public bool Heartbeat(string token)
    {
        lock (gate)
        {
            if (!workers.TryGetValue(token, out var worker)) return false;
            worker.LastSeen = clock.GetUtcNow();
            return true;
        }
    }

    public void Leave(string token)
    {
        lock (gate)
        {
            if (workers.ContainsKey(token)) Lose(token, "left the farm");
        }
    }

    /// <summary>
    /// The next job for a slot: <see cref="LeaseManyAsync"/> of one job; null when none came or the token is unknown
    /// (the caller tells those apart with <see cref="Heartbeat"/>).
    /// </summary>
    public async Task<FarmJob?> LeaseAsync(string token, int slot, IReadOnlyCollection<long> held, TimeSpan wait, CancellationToken cancellationToken) =>
        (await LeaseManyAsync(token, slot, held, 1, wait, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>
    /// Up to <paramref name="max"/> jobs for a slot, waiting up to <paramref name="wait"/> for the first; empty when
    /// none came or the token is unknown. More than one only while the jobs are short and the queue is long (see
    /// <see cref="ChunkSize"/>): each lease is a round trip, and a slot that takes several at once saves all but
    /// one. <paramref name="held"/> are the jobs the slot still works on or holds; any other job leased to it
    /// was abandoned and goes back to the queue.
    /// </summary>
    public async Task<FarmJob[]> LeaseManyAsync(string token, int slot, IReadOnlyCollection<long> held, int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var deadline = clock.GetUtcNow() + wait;
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (!workers.TryGetValue(token, out var worker) || slot < 0 || slot >= worker.Slots) return [];
                var now = clock.GetUtcNow();
                worker.LastSeen = now;
                // A slot asking for work while holding a job it does not name abandoned it (its evaluation thread died).
                foreach (var stale in leases.Values.Where(l => l.Token == token && l.Slot == slot && !held.Contains(l.Job.Id)).ToList())
                    Requeue(stale, $"slot {slot} of worker {worker.Name} asked for new work without returning it");
                if (waiting.Count > 0)
                {
                    var jobs = new List<FarmJob>();
                    for (int n = ChunkSize(max); n > 0 && waiting.First is { } first; n--)
                    {
                        waiting.RemoveFirst();
                        leases[first.Value.Id] = new SlotLease(first.Value, token, slot, now);
                        jobs.Add(first.Value);
                    }
                    return [.. jobs];
                }
                if (now >= deadline) return [];
                signal = workArrived.Task;
            }
            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero) continue;
            await Task.WhenAny(signal, Task.Delay(remaining, clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// How many jobs one lease takes (guided self-scheduling): at most half of each slot's share of the queue,
    /// so the last jobs of a batch still spread over every slot, and at most <see cref="LeaseWork"/> of scoring at
    /// the mean time per job so far, so jobs of seconds go one at a time (a slot holding two would leave another
    /// idle at a batch's end for a whole job).
    /// </summary>
    int ChunkSize(int max)
    {
        if (max == 1 || dispatches == 0) return 1;
        int fairShare = waiting.Count / (2 * Math.Max(1, TotalSlots()));
        double meanScoring = scoringSeconds / dispatches;
        int byWork = meanScoring <= 0 ? max : (int)Math.Min(max, LeaseWork.TotalSeconds / meanScoring);
        return Math.Clamp(Math.Min(fairShare, byWork), 1, max);
    }

    /// <summary>
    /// Records a slot's result (<see cref="SlotReport"/>: the worker's own time on it, so the rest of the lease's
    /// time is the farm's dispatch overhead, and its scoring time, for the idle share). False when it was
    /// dropped: the job is already finished (a duplicate) or was never handed out in this batch.
    /// </summary>
    public bool Complete(string token, SlotReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            string? name = null;
            if (workers.TryGetValue(token, out var worker))
            {
                worker.LastSeen = clock.GetUtcNow();
                name = worker.Name;
            }
            return Accept(report, name);
        }
    }

    /// <summary>Declares lost every worker not heard from within the heartbeat timeout.</summary>
    public void Sweep()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            foreach (var worker in workers.Values.Where(w => now - w.LastSeen > heartbeatTimeout).ToList())
                Lose(worker.Token, $"was lost (not heard from for {(now - worker.LastSeen).TotalSeconds:0.#} s)");
            slotClock.Advance(now, TotalSlots());
        }
    }

    public FarmStatus Status()
    {
        lock (gate)
        {
            slotClock.Advance(clock.GetUtcNow(), TotalSlots());
            int busySlots = leases.Values.Select(l => (l.Token, l.Slot)).Distinct().Count();
            var usage = new SlotUsage(slotClock.SlotSeconds, Math.Min(scoringSeconds, slotClock.SlotSeconds));
            return new FarmStatus(workers.Count, TotalSlots(), busySlots, completed, usage, dispatchSeconds, dispatches);
        }
    }

    /// <summary>Names of the workers admitted now.</summary>
    public IReadOnlyList<string> WorkerNames()
    {
        lock (gate) return workers.Values.Select(w => w.Name).Order(StringComparer.Ordinal).ToList();
    }

    bool Accept(SlotReport report, string? workerName)
    {
        long jobId = report.JobId;
        // A result is welcome from whoever evaluated the job, even a worker since declared lost, as long as the
        // job is still open: the evaluation is deterministic given the trial, so the first result is the result.
        if (!open.Contains(jobId) || finished.Contains(jobId)) return false;
        var holder = leases.TryGetValue(jobId, out var lease) ? lease : null;
        var attempts = (holder?.Job.Attempt ?? waiting.FirstOrDefault(j => j.Id == jobId)?.Attempt ?? 0) + 1;
        if (holder is not null)
        {
            var now = clock.GetUtcNow();
            leases.Remove(jobId);
            // A job a lost worker still delivers was scored outside the slot time counted: it does not count as busy.
            scoringSeconds += Math.Max(0, report.ScoringSeconds);
            dispatchSeconds += Math.Max(0, (now - holder.Since).TotalSeconds - report.HeldSeconds);
            dispatches++;
        }
        RemoveWaiting(jobId);
        Finish(new FarmOutcome(jobId, report.ResultPayload, null, workerName ?? "(lost worker)", attempts));
        return true;
    }

    void Lose(string token, string why)
    {
        var worker = workers[token];
        slotClock.Advance(clock.GetUtcNow(), TotalSlots());
        workers.Remove(token);
        Notice?.Invoke($"worker {worker.Name} {why}");
        foreach (var lease in leases.Values.Where(l => l.Token == token).ToList())
            Requeue(lease, $"worker {worker.Name} {why}");
    }

    void Requeue(SlotLease lease, string why)
    {
        leases.Remove(lease.Job.Id);
        int attempt = lease.Job.Attempt + 1;
        if (attempt > retries)
        {
            Notice?.Invoke($"trial {lease.Job.Id} failed: {why}, after {attempt} attempt{(attempt == 1 ? "" : "s")}");
            Finish(new FarmOutcome(lease.Job.Id, null,
                $"infrastructure failure on every attempt ({attempt}): last, {why}", "", attempt));
            return;
        }
        Notice?.Invoke($"trial {lease.Job.Id} re-dispatched ({why})");
        waiting.AddFirst(lease.Job with { Attempt = attempt });
        Wake();
    }

    void Finish(FarmOutcome outcome)
    {
        finished.Add(outcome.Id);
        open.Remove(outcome.Id);
        completed++;
        outcomes.Writer.TryWrite(outcome);
        if (open.Count == 0) outcomes.Writer.TryComplete();
    }

    void RemoveWaiting(long jobId)
    {
        for (var node = waiting.First; node is not null; node = node.Next)
            if (node.Value.Id == jobId) { waiting.Remove(node); return; }
    }

    int TotalSlots() => workers.Values.Sum(w => w.Slots);

    void Wake()
    {
        var fired = workArrived;
        workArrived = NewSignal();
        fired.TrySetResult();
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
