using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.Search.Materialization;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge merge CONFIG OUT_DIR`: what `mergekit-yaml` does, streaming tensor by tensor.</summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var config = new Argument<FileInfo>("config") { Description = "mergekit-style YAML config. Model paths in it resolve against the current directory, as in mergekit." };
        var output = new Argument<DirectoryInfo>("out-dir") { Description = "Output folder; must not exist or be empty (see --overwrite)." };
        var shardSize = new Option<string>("--shard-size") { Description = "Largest output shard: bytes, or with a unit (500MB, 5GB, 1.5GiB). One shard is written as model.safetensors, several as model-0000K-of-0000N.safetensors with an index.", DefaultValueFactory = _ => "5GB" };
        var device = DeviceOption.Create();
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an output folder that holds a previous EvoMerge output (only once the new merge is complete); any other non-empty folder is refused." };
        var allowNonFinite = new Option<bool>("--allow-non-finite") { Description = "Merge inputs that hold NaN or infinity, and keep non-finite results, with a warning instead of an error." };
        var command = new Command("merge", "Merge safetensors checkpoints as a mergekit YAML config describes (linear, task_arithmetic, ties, dare_*, breadcrumbs*, della*, slerp, nuslerp, model_stock, passthrough with slices).")
        {
            config, output, shardSize, device, overwrite, allowNonFinite,
        };
        // Ctrl-C and SIGTERM cancel the token: the merge stops between chunks and removes its unfinished output.
        command.SetAction((parse, cancel) => Task.FromResult(CommandErrors.Guard(() =>
        {
            string configPath = parse.GetValue(config)!.FullName;
            var options = new MergeJobOptions
            {
                ShardSizeBytes = ByteSize.Parse(parse.GetValue(shardSize)!),
                Overwrite = parse.GetValue(overwrite),
                Device = DeviceOption.Resolve(parse.GetValue(device)!),
                AllowNonFinite = parse.GetValue(allowNonFinite),
                ConfigPath = configPath,
                FisherEstimator = new TaskDataFisherEstimator(),
            };
            string outDir = parse.GetValue(output)!.FullName;
            var parsed = MergeConfigParser.ParseFile(configPath, Environment.CurrentDirectory);
            var plan = MergeJob.Prepare(parsed, outDir, options);
            foreach (var warning in plan.Warnings) Console.Error.WriteLine("warning: " + warning);
            MergeJobResult result;
            try
            {
                result = MergeProgressDisplay.Run("merging", progress => MergeJob.Run(plan, outDir, options, progress, cancel));
            }
            catch (OperationCanceledException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Interrupted;
            }
            foreach (var note in result.Notes) Console.Error.WriteLine("note: " + note);
            foreach (var warning in result.Warnings.Skip(plan.Warnings.Count)) Console.Error.WriteLine("warning: " + warning);
            Console.WriteLine($"Merged {result.Tensors} tensors ({result.Bytes / 1e6:F1} MB) with {plan.Method.Name} in {result.Elapsed.TotalSeconds:F1} s.");
            Console.WriteLine($"Wrote {string.Join(", ", result.Files)}");
            Console.WriteLine(result.OutputDirectory);
            return ExitCodes.Success;
        })));
        return command;
    }
}
