using System.Text.Json.Nodes;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A worker runtime for cluster tests: reports the given input record and answers each job with
/// "payload@worker", after an optional delay, so tests see who evaluated what.
/// </summary>
sealed class EchoRuntime(string name, JsonNode inputs, TimeSpan delay) : IWorkerRuntime
{
    public (string? InputsJson, string? SetupError) Inspect(JoinChallenge run) => (inputs.ToJsonString(), null);

    public ISlotEvaluator OpenSlot(JoinChallenge run, WorkerSlot slot) => new Echo(name, delay);

    sealed class Echo(string name, TimeSpan delay) : ISlotEvaluator
    {
        public ISlotJob Prepare(string payload, CancellationToken cancellationToken) => new Answer($"{payload}@{name}", delay);

        public void Dispose() { }
    }

    sealed class Answer(string text, TimeSpan delay) : ISlotJob
    {
        public string Score(CancellationToken cancellationToken)
        {
            Task.Delay(delay, cancellationToken).Wait(cancellationToken);
            return text;
        }

        public void Dispose() { }
    }
}
