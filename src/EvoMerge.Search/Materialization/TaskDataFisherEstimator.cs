using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.Merging.Planning;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Search.Materialization;

/// <summary>
/// Estimates a model's Fisher from a config's fisher_data as `evomerge fisher` does: the empirical Fisher of a
/// language model (a folder with config.json) on a JSONL language task, or the exact Fisher of a built-in classifier
/// (architecture.json) on CSV or JSONL features.
/// </summary>
public sealed class TaskDataFisherEstimator : IFisherEstimator
{
    public IReadOnlyList<string> FindProblems(string modelFolder, FisherDataSetting data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<string>();
        if (LanguageModelFisherFolder.IsLanguageModel(modelFolder))
        {
            if (data.Kind is { } kind && !LanguageFisherKinds.Names.Contains(kind))
                problems.Add($"fisher_kind '{kind}' is not one of {string.Join(", ", LanguageFisherKinds.Names)}.");
            if (data.Template is { } template && !template.Contains("{prompt}", StringComparison.Ordinal) && !template.Contains("{question}", StringComparison.Ordinal))
                problems.Add($"fisher_template \"{template}\" has no {{prompt}} or {{question}} placeholder.");
            try
            {
                LlamaConfigReader.ReadFolder(modelFolder);
                if (data.Kind is null) LanguageTaskKindDetection.Detect(data.Data!);
            }
            catch (Exception e) when (e is ArgumentException or IOException or TaskDataException)
            {
                problems.Add(e.Message);
            }
        }
        else if (!File.Exists(Path.Combine(modelFolder, MlpArchitecture.FileName)))
        {
            problems.Add($"cannot estimate a Fisher for {modelFolder}: it is neither a language model (config.json) nor a built-in classifier ({MlpArchitecture.FileName}).");
        }
        else if (data.Kind is not null || data.Template is not null)
        {
            problems.Add("fisher_kind and fisher_template are for language models; a built-in classifier reads its features from the data.");
        }
        return problems;
    }

    public void Estimate(string modelFolder, FisherDataSetting data, string fisherFolder, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(data);
        IReadOnlyList<(string Name, long[] Shape, float[] Values)> fisher;
        try
        {
            fisher = LanguageModelFisherFolder.IsLanguageModel(modelFolder)
                ? LanguageModelFisherFolder.Estimate(modelFolder, data.Data!, Settings(data), cancel)
                : ClassifierFisherFolder.Estimate(modelFolder, TaskDataFiles.Load(data.Data!), data.Examples);
        }
        catch (Exception e) when (e is FatalEvaluationException or TaskDataException)
        {
            throw new MergeConfigException($"{modelFolder}: fisher_data: {e.Message}");
        }
        FisherFiles.WriteFolder(fisherFolder, fisher);
    }

    /// <summary>The language-model settings the fields give (the checks in <see cref="FindProblems"/> have passed).</summary>
    public static LanguageFisherSettings Settings(FisherDataSetting data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new LanguageFisherSettings
        {
            Kind = data.Kind is { } kind ? LanguageFisherKinds.Of(kind) : null,
            Prompt = new PromptTemplate { Template = data.Template ?? "{prompt}" },
            Examples = data.Examples,
        };
    }
}
