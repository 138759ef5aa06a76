using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>
/// The empirical diagonal Fisher of a Llama-family model folder (config.json, safetensors weights and a tokenizer),
/// from a JSONL language task, by tensor: one entry for every tensor of the checkpoint.
/// </summary>
public static class LanguageModelFisherFolder
{
    /// <summary>Whether <paramref name="modelFolder"/> holds a language model (a config.json, as Hugging Face folders do).</summary>
    public static bool IsLanguageModel(string modelFolder) => File.Exists(Path.Combine(modelFolder, LlamaConfigReader.FileName));

    /// <exception cref="FatalEvaluationException">The folder, its tokenizer, its tensors or the task do not fit; the message names the file.</exception>
    public static IReadOnlyList<(string Name, long[] Shape, float[] Values)> Estimate(string modelFolder, string taskPath, LanguageFisherSettings settings, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskPath);
        ArgumentNullException.ThrowIfNull(settings);
        LlamaConfig config;
        ITextTokenizer? tokenizer = null;
        IReadOnlyList<ScoringRequest> requests;
        try
        {
            config = LlamaConfigReader.ReadFolder(modelFolder);
            tokenizer = TokenizerLoader.Load(modelFolder);
            var kind = settings.Kind ?? LanguageTaskKindDetection.Detect(taskPath);
            var examples = LanguageTaskFile.Read(taskPath, kind);
            int count = settings.Examples ?? examples.Count;
            if (count < 1 || count > examples.Count)
                throw new TaskDataException($"{taskPath}: examples must be between 1 and its {examples.Count} examples (was {count}).");
            settings.Prompt.Validate();
            requests = FisherTargets.Build(examples.Take(count).ToArray(), tokenizer, settings.Prompt, addBos: true);
        }
        catch (Exception e) when (e is ArgumentException or IOException or TaskDataException or UnsupportedTokenizerException)
        {
            throw new FatalEvaluationException($"cannot estimate the Fisher information of {modelFolder}: {e.Message}", e);
        }
        finally
        {
            (tokenizer as IDisposable)?.Dispose();
        }

        using var weights = MergedModel.ReadSafeTensors(modelFolder);
        IReadOnlyList<(string Name, long[] Shape, float[] Values)> fisher;
        try
        {
            fisher = LanguageModelFisher.Estimate(weights, config, requests, ct);
        }
        catch (FatalEvaluationException e)
        {
            throw new FatalEvaluationException($"cannot estimate the Fisher information of {modelFolder}: {e.Message}", e);
        }

        // A tied checkpoint may store a copy of the head; it is the embedding, so it gets the embedding's Fisher.
        if (config.TieWordEmbeddings && weights.Tensors.ContainsKey(LlamaTensorNames.LmHead))
        {
            var embedding = fisher.First(t => t.Name == LlamaTensorNames.Embedding);
            fisher = [.. fisher, (LlamaTensorNames.LmHead, embedding.Shape, embedding.Values)];
        }
        return fisher;
    }
}
