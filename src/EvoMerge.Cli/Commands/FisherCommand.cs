using System.CommandLine;
using EvoMerge.Cli.Terminal;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Merging.Methods.Papers;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// `evomerge fisher MODEL... --data FILE [--examples N]`: estimates each model's diagonal Fisher information on
/// task data and writes it to MODEL/fisher/, where `merge_method: fisher` reads it. A built-in classifier gets the
/// exact Fisher over its own predictions; a language model (a folder with config.json) the empirical Fisher of
/// its log-likelihood of each example's target.
/// </summary>
public static class FisherCommand
{
    public static Command Create()
    {
        var models = new Argument<DirectoryInfo[]>("models")
        {
            Description = "Model folders: built-in classifiers (architecture.json and safetensors) or Llama-family language models (config.json, safetensors, tokenizer).",
            Arity = ArgumentArity.OneOrMore,
        };
        var data = new Option<FileInfo>("--data")
        {
            Description = "Task data, as in search configs: CSV or JSONL features for a classifier; a JSONL language task (multiple choice, generation or perplexity) for a language model.",
            Required = true,
        };
        var examples = new Option<int?>("--examples") { Description = "Rows or examples used, from the top (default: all)." };
        var kind = new Option<string?>("--kind") { Description = "Language models: the task's kind (multiple_choice, generation, perplexity; default: from the first example's fields)." };
        var template = new Option<string>("--template") { Description = "Language models: the prompt template, as the task's (default: {prompt}).", DefaultValueFactory = _ => "{prompt}" };
        var command = new Command("fisher", "Estimate each model's diagonal Fisher information on task data and write it to MODEL/fisher/ for merge_method: fisher " +
            "(a classifier: the expectation over its own predictions; a language model: the mean squared gradient of the log-likelihood of each example's target).")
        {
            models, data, examples, kind, template,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            try
            {
                string dataPath = parse.GetValue(data)!.FullName;
                var languageSettings = new LanguageFisherSettings
                {
                    Kind = parse.GetValue(kind) is { } name ? LanguageFisherKinds.Of(name) : null,
                    Prompt = new PromptTemplate { Template = parse.GetValue(template)! },
                    Examples = parse.GetValue(examples),
                };
                TaskData? classifierData = null;
                foreach (var model in parse.GetValue(models)!)
                {
                    var fisher = LanguageModelFisherFolder.IsLanguageModel(model.FullName)
                        ? LanguageModelFisherFolder.Estimate(model.FullName, dataPath, languageSettings, CancellationToken.None)
                        : ClassifierFisherFolder.Estimate(model.FullName, classifierData ??= TaskDataFiles.Load(dataPath), parse.GetValue(examples));
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
