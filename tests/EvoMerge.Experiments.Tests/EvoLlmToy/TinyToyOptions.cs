using EvoMerge.Experiments.EvoLlmToy;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

/// <summary>Options small enough for tests: a few hundred lines and a two-layer width-16 model.</summary>
static class TinyToyOptions
{
    public static ToyCorpusOptions Corpus => new() { BaseLines = 300, ExpertALines = 150, ExpertBLines = 150, DevItems = 12, TestItems = 20 };

    public static EvoLlmToyOptions Assets => new()
    {
        Seed = 5,
        Corpus = Corpus,
        HiddenSize = 16,
        IntermediateSize = 32,
        Layers = 2,
        AttentionHeads = 2,
        BaseTraining = new() { Steps = 6, BatchSize = 8, WarmupSteps = 2 },
        ExpertATraining = new() { Steps = 4, BatchSize = 8, WarmupSteps = 1 },
        ExpertBTraining = new() { Steps = 4, BatchSize = 8, WarmupSteps = 1 },
    };
}
