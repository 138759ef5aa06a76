using EvoMerge.Farm.Dispatch;
using EvoMerge.Farm.Protocol;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A worker for search runs: reads the coordinator's config as this machine sees it (its model and data paths,
/// moved by <paramref name="pathMap"/> where this machine keeps them elsewhere, must hold the same files), and
/// gives each slot its own <see cref="TrialEvaluator"/> on the slot's device, whose external commands see only
/// the slot's GPU or its share of the threads (<see cref="SlotEnvironment"/>).
/// </summary>
public sealed class SearchWorkerRuntime(string scratchRoot, Action<string> log, PathMap? pathMap = null) : IWorkerRuntime
{
    readonly PathMap map = pathMap ?? PathMap.None;

    public (string? InputsJson, string? SetupError) Inspect(JoinChallenge run)
    {
        try
        {
            var config = Read(run);
            return (CoordinatorPaths(InputIdentity.Record(config)).ToJsonString(), null);
        }
        catch (Exception error) when (error is SearchConfigException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"the run's config does not load on the worker: {error.Message}");
        }
    }

    public ISlotEvaluator OpenSlot(JoinChallenge run, WorkerSlot slot)
    {
        var config = Read(run);
        if (slot.Device is not null) config = config with { Device = slot.Device };
        var commandEnvironment = SlotEnvironment.For(slot, Environment.GetEnvironmentVariable(SlotEnvironment.VisibleDevices));
        return new TrialSlotEvaluator(TrialEvaluator.Open(config, scratchRoot, log, commandEnvironment));
    }

    SearchConfig Read(JoinChallenge run) =>
        SearchConfigParser.Parse(run.ConfigYaml, run.ConfigDirectory, $"the config of run {run.RunId}", "farm", pathMap: map);

    /// <summary>
    /// The coordinator compares files by its own paths, so each entry is named by the coordinator's path again,
    /// with this machine's path beside it for messages.
    /// </summary>
    System.Text.Json.Nodes.JsonArray CoordinatorPaths(System.Text.Json.Nodes.JsonArray inputs)
    {
        if (map.IsEmpty) return inputs;
        var back = map.Inverse();
        foreach (var entry in inputs.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            var local = entry["path"]!.GetValue<string>();
            var theirs = back.Apply(local);
            if (theirs == local) continue;
            entry["path"] = theirs;
            entry["local_path"] = local;
        }
        return inputs;
    }

    sealed class TrialSlotEvaluator(TrialEvaluator evaluator) : ISlotEvaluator
    {
        public ISlotJob Prepare(string payload, CancellationToken cancellationToken) =>
            new TrialSlotJob(evaluator.Prepare(TrialJson.ReadRequest(payload), null, cancellationToken));

        public void Dispose() => evaluator.Dispose();
    }

    sealed class TrialSlotJob(PreparedTrial trial) : ISlotJob
    {
        public string Score(CancellationToken cancellationToken) => TrialJson.Write(trial.Score(null, cancellationToken));

        public void Dispose() => trial.Dispose();
    }
}
