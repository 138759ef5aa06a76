using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Experiments.EvoLlmToy;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Experiments.EvoLlmToyExperiment;

/// <summary>
/// The three held-out test tasks of the table, scored with the same language-task scorer the searches use:
/// target (arithmetic in language 2, last-number exact match), source 1 (arithmetic in language 1) and
/// source 2 (language-2 story cloze, multiple choice).
/// </summary>
public sealed class ToyTestTasks
{
    readonly LanguageTaskScorer _target, _source1, _source2;

    public ToyTestTasks(EvoLlmToyAssetPaths assets, int maxNewTokens)
    {
        var tokenizer = TokenizerLoader.Load(assets.BaseModel);
        LanguageTaskScorer Generation(string name, string path) => new(new LanguageTaskOptions
        {
            Name = name, Kind = LanguageTaskKind.Generation, Tokenizer = tokenizer, TaskPath = path,
            Extraction = AnswerExtraction.LastNumber, MaxNewTokens = maxNewTokens, BatchSize = 32,
        });
        _target = Generation("target", assets.TargetTest);
        _source1 = Generation("source1", assets.Source1Test);
        _source2 = new LanguageTaskScorer(new LanguageTaskOptions
        {
            Name = "source2", Kind = LanguageTaskKind.MultipleChoice, Tokenizer = tokenizer, TaskPath = assets.Source2Test, BatchSize = 32,
        });
    }

    public (double Target, double Source1, double Source2) Score(ICausalLm model) => (
        _target.Score(model, CancellationToken.None).Metrics["exact_match"],
        _source1.Score(model, CancellationToken.None).Metrics["exact_match"],
        _source2.Score(model, CancellationToken.None).Metrics["accuracy"]);
}
