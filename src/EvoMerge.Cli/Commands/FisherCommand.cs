using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Evaluation.Data;
using EvoMerge.Merging.Methods.Papers;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// `evomerge fisher MODEL... --data FILE [--examples N]`: estimates each built-in classifier's diagonal
/// Fisher information on task data and writes it to MODEL/fisher/, where `merge_method: fisher` reads it.
/// </summary>
public static class FisherCommand
{
    public static Command Create()
    {
        var models = new Argument<DirectoryInfo[]>("models") { Description = "Model folders of the built-in classifier (architecture.json and safetensors).", Arity = ArgumentArity.OneOrMore };
        var data = new Option<FileInfo>("--data") { Description = "Task data (CSV or JSONL, as in search configs); its features feed the models.", Required = true };
        var examples = new Option<int?>("--examples") { Description = "Rows used, from the top (default: all)." };
        var command = new Command("fisher", "Estimate each classifier's diagonal Fisher information (the expectation over its own predictions, on the task data's features) and write it to MODEL/fisher/ for merge_method: fisher.")
        {
            models, data, examples,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            try
            {
                var task = TaskDataFiles.Load(parse.GetValue(data)!.FullName);
                foreach (var model in parse.GetValue(models)!)
                {
                    var fisher = ClassifierFisherFolder.Estimate(model.FullName, task, parse.GetValue(examples));
                    FisherFiles.Write(model.FullName, fisher);
                    Console.WriteLine($"Wrote {FisherFiles.Folder(model.FullName)}");
                }
            }
            catch (FatalEvaluationException e)
            {
                // Bad data or a model that does not fit is bad input here, not a failing search run.
                throw new ArgumentException(e.Message, e);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
