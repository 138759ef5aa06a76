namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Where <see cref="EvoLlmToyAssets.Prepare"/> put the evollm-toy files. Model folders hold config.json,
/// model.safetensors and vocab.json. Task files are JSONL: generation <c>{"prompt","answer"}</c> (target, source 1),
/// multiple choice <c>{"prompt","choices","answer"}</c> with the answer's index (source 2), perplexity <c>{"text"}</c>.
/// Word lists (one word a line) serve language checks.
/// </summary>
/// <param name="Reused">True when matching assets were already there and nothing was written.</param>
public sealed record EvoLlmToyAssetPaths(
    string Folder,
    string BaseModel,
    string ExpertA,
    string ExpertB,
    string TargetDev,
    string TargetTest,
    string Source1Dev,
    string Source1Test,
    string Source2Dev,
    string Source2Test,
    string Source2Perplexity,
    string Language1Words,
    string Language2Words,
    string BaseCorpus,
    string ExpertACorpus,
    string ExpertBCorpus,
    string TrainingLosses,
    string Manifest,
    bool Reused)
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>Paths relative to the assets folder, as the manifest records them.</summary>
    public static readonly IReadOnlyList<string> RelativeFiles =
    [
        .. ModelFiles("models/base"), .. ModelFiles("models/expert_a"), .. ModelFiles("models/expert_b"),
        "tasks/target_dev.jsonl", "tasks/target_test.jsonl", "tasks/source1_dev.jsonl", "tasks/source1_test.jsonl",
        "tasks/source2_dev.jsonl", "tasks/source2_test.jsonl", "tasks/source2_perplexity.jsonl",
        "words/language1.txt", "words/language2.txt",
        "corpus/base.txt", "corpus/expert_a.txt", "corpus/expert_b.txt", "training_losses.csv",
    ];

    public static EvoLlmToyAssetPaths In(string folder, bool reused)
    {
        var full = Path.GetFullPath(folder);
        string At(string relative) => Path.Combine(full, relative);
        return new EvoLlmToyAssetPaths(
            full, At("models/base"), At("models/expert_a"), At("models/expert_b"),
            At("tasks/target_dev.jsonl"), At("tasks/target_test.jsonl"), At("tasks/source1_dev.jsonl"), At("tasks/source1_test.jsonl"),
            At("tasks/source2_dev.jsonl"), At("tasks/source2_test.jsonl"), At("tasks/source2_perplexity.jsonl"),
            At("words/language1.txt"), At("words/language2.txt"),
            At("corpus/base.txt"), At("corpus/expert_a.txt"), At("corpus/expert_b.txt"), At("training_losses.csv"),
            At(ManifestFileName), reused);
    }

    static string[] ModelFiles(string folder) => [$"{folder}/config.json", $"{folder}/model.safetensors", $"{folder}/vocab.json"];
}
