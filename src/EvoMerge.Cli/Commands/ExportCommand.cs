using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.SafeTensors;
using EvoMerge.Search.Export;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge export RUN_DIR --trial N OUT_DIR`: materialize any trial's merged model as safetensors.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run-dir") { Description = "A run folder made by `search` (it may still be running)." };
        var trial = new Option<long>("--trial") { Description = "The trial id (column 'trial' of trials.csv).", Required = true };
        var output = new Argument<DirectoryInfo>("out-dir") { Description = "Output folder; must not exist or be empty." };
        var shardSize = new Option<string>("--shard-size") { Description = "Largest output shard (e.g. 5GB, 500MB).", DefaultValueFactory = _ => "5GB" };
        var command = new Command("export", "Write the merged model of one trial (safetensors, config.json, tokenizer files and the recipe as mergekit YAML).")
        {
            run, trial, output, shardSize,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var recipe = RunRecipes.For(parse.GetValue(run)!.FullName, parse.GetValue(trial));
            string outDir = parse.GetValue(output)!.FullName;
            var options = new MergeJobOptions { ShardSizeBytes = ByteSize.Parse(parse.GetValue(shardSize)!) };
            var plan = MergeJob.Prepare(recipe, outDir, options);
            var result = MergeProgressDisplay.Run("exporting", progress => MergeJob.Run(plan, outDir, options, progress));
            Console.WriteLine($"Exported trial {parse.GetValue(trial)}: {result.Tensors} tensors, {string.Join(", ", result.Files)}; recipe in evomerge_config.yml.");
            Console.WriteLine(result.OutputDirectory);
            return ExitCodes.Success;
        }));
        return command;
    }
}
