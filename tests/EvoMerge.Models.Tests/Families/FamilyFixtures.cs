using EvoMerge.Models.Tests.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Families;

/// <summary>The tiny checkpoints per family written by Fixtures/families/make_fixtures.py.</summary>
static class FamilyFixtures
{
    public static readonly string[] Names = ["mistral_window", "qwen2_window", "qwen3", "gemma", "gemma2", "gemma3_text", "phi3"];

    public static TheoryData<string> Data => new(Names);

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "families", name);

    /// <summary>input_ids, attention_mask, logits, logits_bf16 and greedy (the caller disposes).</summary>
    public static Dictionary<string, Tensor> Reference(string name) =>
        LlamaFixtures.ReadTensors(Path.Combine(Folder(name), "reference.safetensors"));
}
