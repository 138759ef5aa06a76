using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Search.Export;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge export RUN_DIR (--trial N | --best OBJECTIVE | --best balanced) OUT_DIR [--overwrite]`: materialize a trial's model as a model folder.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Argument<DirectoryInfo>("run-dir") { Description = "A run folder made by `search` (it may still be running)." };
        var trial = new Option<long?>("--trial") { Description = "The trial id (column 'trial' of trials.csv)." };
        var best = new Option<string?>("--best") { Description = "The trial best/<name>/ holds: an objective's name, or 'balanced' (runs with several objectives)." };
        var output = new Argument<DirectoryInfo>("out-dir") { Description = "Output folder; must not exist or be empty (or hold a previous export, with --overwrite)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace a previous export in OUT_DIR (a folder holding anything else is never replaced)." };
        var command = new Command("export", "Write one trial's model, complete for the evaluator that scored it: for parameter-space runs the merged safetensors, config.json, tokenizer files, the recipe (evomerge_config.yml) and a classifier's architecture.json; for data-flow runs the layers the path uses with input_layers/input_scales in config.json (and a mergekit passthrough config when the path allows).")
        {
            run, output, trial, best, overwrite,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            var choice = (parse.GetValue(trial), parse.GetValue(best)) switch
            {
                (long id, null) => (ExportChoice)new ExportChoice.Trial(id),
                (null, string name) => new ExportChoice.Best(name),
                (null, null) => throw new ArgumentException("say which trial to export: --trial N, --best OBJECTIVE or --best balanced."),
                _ => throw new ArgumentException("give either --trial or --best, not both."),
            };
            string outDir = parse.GetValue(output)!.FullName;
            var (trialId, files) = RunExports.Export(parse.GetValue(run)!.FullName, choice, outDir, parse.GetValue(overwrite), m => Console.Error.WriteLine("note: " + m));
            Console.WriteLine($"Exported trial {trialId}: {string.Join(", ", files)}");
            Console.WriteLine(outDir);
            return ExitCodes.Success;
        }));
        return command;
    }
}
