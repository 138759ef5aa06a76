using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Farm;
using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Security;
using EvoMerge.Farm.Worker;
using EvoMerge.Search.Config;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge worker --cluster CONNECTION --key-file F [--slots K | --devices cuda:0,cuda:1]`: join a run's evaluation farm.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "Where the run's farm meets: HOST:PORT (the coordinator's gateway, printed by the search), redis://HOST:PORT[/CLUSTER] or postgres://USER@HOST:PORT/DATABASE[?cluster=NAME] (the membership store named in the search config's execution.cluster.connection; a PostgreSQL password comes from PGPASSWORD or ~/.pgpass).", Required = true };
        var keyFile = new Option<FileInfo>("--key-file") { Description = "The run's cluster key file (execution.cluster.key_file on the coordinator's machine; copy it here). Workers without it are refused.", Required = true };
        var slots = new Option<int?>("--slots") { Description = "CPU evaluation slots (trials evaluated at once); the CPU threads are split between them. Default 1." };
        var devices = new Option<string?>("--devices") { Description = "One slot per device, comma-separated, e.g. cuda:0,cuda:1 (instead of --slots)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for this worker's tensor work (default: all cores, split between the slots)." };
        var name = new Option<string?>("--name") { Description = "This worker's name in trials.csv (default: HOST-PID)." };
        var scratch = new Option<DirectoryInfo?>("--scratch") { Description = "Where command evaluators write candidates on this machine (default: the system temp folder)." };
        var patience = new Option<double>("--patience") { Description = "Seconds to keep trying to reach a coordinator that does not answer before giving up (default 600).", DefaultValueFactory = _ => 600 };
        var pathMap = new Option<string[]>("--path-map") { Description = "FROM=TO: the coordinator's folder FROM is TO on this machine (repeatable), for models and data kept at other paths here. The files must still be the same; a wrong mapping is refused naming both paths.", AllowMultipleArgumentsPerToken = false };
        var parent = new Option<int?>("--parent-pid") { Description = "Stop when this process ends (set by a search that starts its own workers).", Hidden = true };
        var command = new Command("worker", "Join a search run's evaluation farm from this machine: evaluate the trials the coordinator hands out until it ends. Start the search first (its execution: section names the cluster), copy its key file here.")
        {
            cluster, keyFile, slots, devices, threads, name, scratch, pathMap, patience, parent,
        };
        command.SetAction((parse, ct) => Task.FromResult(CommandErrors.Guard(() =>
        {
            var connection = ClusterConnection.Parse(parse.GetValue(cluster)!, "--cluster");
            var key = ClusterKey.Read(parse.GetValue(keyFile)!.FullName);
            var map = PathMap.Parse(parse.GetValue(pathMap) ?? [], "--path-map");
            var slotList = Slots(parse.GetValue(slots), parse.GetValue(devices), parse.GetValue(threads), out int torchThreads);
            TorchSharp.torch.set_num_threads(torchThreads);
            var workerName = parse.GetValue(name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            var scratchRoot = parse.GetValue(scratch)?.FullName ?? Path.GetTempPath();
            void Log(string message) => Console.Error.WriteLine(message);
            var options = new WorkerOptions(connection, key, workerName, slotList, BuildIdentity.Current(),
                TimeSpan.FromSeconds(parse.GetValue(patience)), parse.GetValue(parent));
            new FarmWorker(options, new SearchWorkerRuntime(scratchRoot, Log, map), Log).RunAsync(ct).GetAwaiter().GetResult();
            return ExitCodes.Success;
        })));
        return command;
    }

    static IReadOnlyList<WorkerSlot> Slots(int? slots, string? devices, int? threads, out int torchThreads)
    {
        if (slots is not null && devices is not null) throw new ArgumentException("give --slots or --devices, not both.");
        if (slots is < 1) throw new ArgumentException($"--slots: {slots} must be at least 1.");
        if (threads is < 1) throw new ArgumentException($"--threads: {threads} must be at least 1.");
        int total = threads ?? Environment.ProcessorCount;
        torchThreads = total;
        if (devices is not null)
        {
            var list = devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = list.Where(d => d != "cpu" && !d.StartsWith("cuda:", StringComparison.Ordinal)).ToList();
            if (list.Length == 0 || bad.Count > 0) throw new ArgumentException($"--devices: '{devices}' is not a list of cpu or cuda:N.");
            return list.Select((d, i) => new WorkerSlot(i, d, total)).ToList();
        }
        int count = slots ?? 1;
        // libtorch's intra-op pool is per process: the worker's threads are shared by its slots.
        return Enumerable.Range(0, count).Select(i => new WorkerSlot(i, null, Math.Max(1, total / count))).ToList();
    }
}
