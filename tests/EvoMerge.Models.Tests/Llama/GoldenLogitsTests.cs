using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

/// <summary>The decoder against logits from the independent PyTorch reference (one unpadded sequence at a time).</summary>
public class GoldenLogitsTests
{
    public static TheoryData<string> Fixtures => new(LlamaFixtures.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Float32_logits_match_the_reference_at_every_token(string fixture)
    {
        using var scope = NewDisposeScope();
        var reference = LlamaFixtures.Reference(fixture);
        using var model = LlamaModel.Load(LlamaFixtures.Folder(fixture));
        var logits = model.Forward(reference["input_ids"], reference["attention_mask"]);
        double error = MaxErrorAtTokens(logits, reference);
        Assert.True(error < 1e-4, $"{fixture}: max |logit - reference| = {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void BFloat16_logits_stay_close_to_the_reference(string fixture)
    {
        using var scope = NewDisposeScope();
        var reference = LlamaFixtures.Reference(fixture);
        using var model = LlamaModel.Load(LlamaFixtures.Folder(fixture), new LlamaLoadOptions { DType = ScalarType.BFloat16 });
        var logits = model.Forward(reference["input_ids"], reference["attention_mask"]);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        double error = MaxErrorAtTokens(logits, reference);
        double scale = reference["logits"].abs().max().item<float>();
        // bfloat16 keeps 8 significant bits (relative step 2^-8); measured errors are 0.6-1.3% of the largest logit.
        Assert.True(error < 0.03 * scale, $"{fixture}: max error {error:E2}, logit scale {scale:F2}");
        Assert.True(error > 0, "bfloat16 should not reproduce float32 exactly");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Greedy_generation_with_the_cache_matches_the_reference_continuation(string fixture)
    {
        using var scope = NewDisposeScope();
        var reference = LlamaFixtures.Reference(fixture);
        using var model = LlamaModel.Load(LlamaFixtures.Folder(fixture));
        var greedy = reference["greedy"];
        var generated = model.GenerateGreedy(reference["input_ids"], reference["attention_mask"],
            new GenerationOptions { MaxNewTokens = (int)greedy.shape[1] });
        for (int row = 0; row < generated.Count; row++)
            Assert.Equal(greedy[row].data<long>().ToArray(), generated[row].Tokens);
    }

    internal static double MaxErrorAtTokens(Tensor logits, Dictionary<string, Tensor> reference)
    {
        using var held = new HeldScalars();
        var mask = reference["attention_mask"].to_type(ScalarType.Bool).unsqueeze(-1);
        Assert.Equal(reference["logits"].shape, logits.shape);
        return (logits - reference["logits"]).abs().masked_fill(mask.logical_not(), held[0]).max().item<float>();
    }
}
