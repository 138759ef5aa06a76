using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using EvoMerge.Search.Config;
using TorchSharp;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// A language-model task (evaluator <c>language</c>): the merged tensors become a Llama-family model in
/// memory (config.json of the base model, else the first expert), scored on a JSONL task file with the
/// tokenizer of that folder (or the task's <c>tokenizer</c>).
/// </summary>
internal static class LanguageTask
{
    public static TaskEvaluator Open(SearchConfig config, TaskSpec task, string dataPath, torch.Device device)
    {
        var spec = task.Language!;
        var model = config.Models.Base ?? config.Models.Experts[0];
        string folder = Directory.Exists(model.Path) ? model.Path : Path.GetDirectoryName(model.Path)!;
        ITextTokenizer tokenizer;
        LlamaConfig llama;
        try
        {
            tokenizer = TokenizerLoader.Load(spec.Tokenizer ?? folder);
            llama = LlamaConfigReader.ReadFolder(folder);
        }
        catch (UnsupportedTokenizerException e)
        {
            throw new ArgumentException(e.Message, e);
        }

        var evaluator = new LanguageTaskEvaluator(new LanguageEvaluatorOptions
        {
            Task = new LanguageTaskOptions
            {
                Name = task.Name,
                Kind = LanguageChoices.Of(LanguageChoices.Kinds, spec.Kind, $"tasks.{task.Name}.kind"),
                Tokenizer = tokenizer,
                TaskPath = dataPath,
                FewShotPath = spec.FewShotData,
                FewShotCount = spec.FewShot,
                Prompt = new PromptTemplate { Template = spec.Template },
                Limit = spec.Limit,
                BatchSize = spec.BatchSize,
                Normalization = LanguageChoices.Of(LanguageChoices.Normalizations, spec.Normalization, $"tasks.{task.Name}.normalization"),
                Extraction = LanguageChoices.Of(LanguageChoices.Extractions, spec.Extraction, $"tasks.{task.Name}.extraction"),
                MaxNewTokens = spec.MaxNewTokens,
                StopStrings = spec.StopStrings,
            },
            ModelConfig = llama,
            DType = spec.DType == "bfloat16" ? torch.ScalarType.BFloat16 : torch.ScalarType.Float32,
            Device = device,
        });
        return new TaskEvaluator(task, evaluator, task.RecordedMetrics, evaluator.Scorer.Examples.Count, evaluator.FindProblems, evaluator.Score);
    }
}
