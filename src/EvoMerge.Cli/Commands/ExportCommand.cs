using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Search.Export;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge export RUN_DIR --trial N OUT_DIR`: materialize any trial's model as a model folder.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run-dir") { Description = "A run folder made by `search` (it may still be running)." };
        var trial = new Option<long>("--trial") { Description = "The trial id (column 'trial' of trials.csv).", Required = true };
        var output = new Argument<DirectoryInfo>("out-dir") { Description = "Output folder; must not exist or be empty." };
        var command = new Command("export", "Write one trial's model: for parameter-space runs the merged safetensors, config.json, tokenizer files and the recipe (evomerge_config.yml); for data-flow runs the layers the path uses with input_layers/input_scales in config.json (and a mergekit passthrough config when the path allows).")
        {
            run, trial, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string outDir = parse.GetValue(output)!.FullName;
            var files = RunExports.Export(parse.GetValue(run)!.FullName, parse.GetValue(trial), outDir, m => Console.Error.WriteLine("note: " + m));
            Console.WriteLine($"Exported trial {parse.GetValue(trial)}: {string.Join(", ", files.Select(Path.GetFileName))}");
            Console.WriteLine(outDir);
            return ExitCodes.Success;
        }));
        return command;
    }
}
