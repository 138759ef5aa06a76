using System.Text.Json.Nodes;
using EvoMerge.Models.Llama;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>How the evollm-toy assets are made: corpus sizes, model shape and the three training runs.</summary>
public sealed record EvoLlmToyOptions
{
    /// <summary>Seeds the corpus, the base model's initial weights and every batch order.</summary>
    public ulong Seed { get; init; } = 11;

    public ToyCorpusOptions Corpus { get; init; } = new();

    public int HiddenSize { get; init; } = 64;
    public int IntermediateSize { get; init; } = 176;
    public int Layers { get; init; } = 4;
    public int AttentionHeads { get; init; } = 4;

    /// <summary>Longest sequence the models are meant for (config.json's max_position_embeddings).</summary>
    public int MaxPositions { get; init; } = 64;

    public LmTrainingOptions BaseTraining { get; init; } = new() { Steps = 1500, LearningRate = 3e-3 };

    /// <summary>Expert A: the base fine-tuned on language-1 problems.</summary>
    public LmTrainingOptions ExpertATraining { get; init; } = new() { Steps = 1000, LearningRate = 3e-3, WarmupSteps = 20 };

    /// <summary>Expert B: the base fine-tuned on language-2 ordinary text.</summary>
    public LmTrainingOptions ExpertBTraining { get; init; } = new() { Steps = 800, LearningRate = 1e-3, WarmupSteps = 20 };

    /// <summary>Expert A's loss covers only the answer (true) or the whole problem text (false).</summary>
    public bool ExpertAAnswerOnly { get; init; } = true;

    public LlamaConfig ModelConfig(int vocabularySize) => new()
    {
        HiddenSize = HiddenSize,
        IntermediateSize = IntermediateSize,
        NumHiddenLayers = Layers,
        NumAttentionHeads = AttentionHeads,
        NumKeyValueHeads = AttentionHeads,
        VocabSize = vocabularySize,
        RmsNormEps = 1e-5,
        MaxPositionEmbeddings = MaxPositions,
    };

    /// <summary>Throws with a message naming the invalid option.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Corpus, nameof(Corpus));
        ArgumentNullException.ThrowIfNull(BaseTraining, nameof(BaseTraining));
        ArgumentNullException.ThrowIfNull(ExpertATraining, nameof(ExpertATraining));
        ArgumentNullException.ThrowIfNull(ExpertBTraining, nameof(ExpertBTraining));
        Corpus.Validate();
        BaseTraining.Validate();
        ExpertATraining.Validate();
        ExpertBTraining.Validate();
        ModelConfig(new ToyLexicon(Corpus.MaxNumber).Vocabulary.Count).Validate();
    }

    public JsonObject ToJson() => new()
    {
        ["seed"] = Seed,
        ["corpus"] = Corpus.ToJson(),
        ["hidden_size"] = HiddenSize,
        ["intermediate_size"] = IntermediateSize,
        ["layers"] = Layers,
        ["attention_heads"] = AttentionHeads,
        ["max_positions"] = MaxPositions,
        ["base_training"] = BaseTraining.ToJson(),
        ["expert_a_training"] = ExpertATraining.ToJson(),
        ["expert_b_training"] = ExpertBTraining.ToJson(),
        ["expert_a_answer_only"] = ExpertAAnswerOnly,
    };
}
