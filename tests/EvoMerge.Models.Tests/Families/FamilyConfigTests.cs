using EvoMerge.Models.Llama;
using EvoMerge.Models.Llama.Families;

namespace EvoMerge.Models.Tests.Families;

public class FamilyConfigTests
{
    const string Base = """
        "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 4, "num_attention_heads": 4, "vocab_size": 50
        """;

    static LlamaConfig Parse(string fields) => LlamaConfigReader.Parse($$"""{ {{fields}}, {{Base}} }""");

    [Fact]
    public void An_unknown_model_type_lists_every_supported_one()
    {
        var error = Assert.Throws<ArgumentException>(() => Parse("\"model_type\": \"gpt2\""));
        Assert.Contains("model_type: 'gpt2' is not supported", error.Message);
        foreach (var family in DecoderFamilies.All)
            Assert.Contains(family.ModelType, error.Message);
        Assert.Contains("qwen3", error.Message);
        Assert.Contains("gemma3_text", error.Message);
    }

    [Fact]
    public void Every_fixture_config_reads_as_its_family()
    {
        var expected = new Dictionary<string, LlamaModelType>
        {
            ["mistral_window"] = LlamaModelType.Mistral,
            ["qwen2_window"] = LlamaModelType.Qwen2,
            ["qwen3"] = LlamaModelType.Qwen3,
            ["gemma"] = LlamaModelType.Gemma,
            ["gemma2"] = LlamaModelType.Gemma2,
            ["gemma3_text"] = LlamaModelType.Gemma3Text,
            ["phi3"] = LlamaModelType.Phi3,
        };
        foreach (string name in FamilyFixtures.Names)
            Assert.Equal(expected[name], LlamaConfigReader.ReadFolder(FamilyFixtures.Folder(name)).ModelType);
    }

    [Fact]
    public void Qwen2_slides_only_from_max_window_layers_on_and_only_when_enabled()
    {
        var on = Parse("\"model_type\": \"qwen2\", \"use_sliding_window\": true, \"sliding_window\": 8, \"max_window_layers\": 2");
        Assert.Equal([null, null, 8, 8], Enumerable.Range(0, 4).Select(on.LayerWindow));
        var off = Parse("\"model_type\": \"qwen2\", \"use_sliding_window\": false, \"sliding_window\": 8, \"max_window_layers\": 2");
        Assert.All(Enumerable.Range(0, 4), l => Assert.Null(off.LayerWindow(l)));
        var error = Assert.Throws<ArgumentException>(() => Parse("\"model_type\": \"qwen2\", \"use_sliding_window\": true"));
        Assert.Contains("sliding_window is missing while use_sliding_window is true", error.Message);
    }

    [Fact]
    public void Mistral_and_phi3_slide_on_every_layer()
    {
        var mistral = Parse("\"model_type\": \"mistral\", \"sliding_window\": 5");
        var phi3 = Parse("\"model_type\": \"phi3\", \"sliding_window\": 7");
        Assert.All(Enumerable.Range(0, 4), l => Assert.Equal(5, mistral.LayerWindow(l)));
        Assert.All(Enumerable.Range(0, 4), l => Assert.Equal(7, phi3.LayerWindow(l)));
        Assert.True(phi3.FusedProjections);
    }

    [Fact]
    public void Gemma_families_get_transformers_defaults()
    {
        var gemma = Parse("\"model_type\": \"gemma\", \"hidden_act\": \"gelu\"");
        Assert.Equal(DecoderActivation.GeluTanh, gemma.Activation);
        Assert.True(gemma.TieWordEmbeddings && gemma.NormAddsOne && gemma.ScaleEmbeddings);
        Assert.Null(gemma.SlidingWindow);

        var gemma2 = Parse("\"model_type\": \"gemma2\"");
        Assert.Equal(50.0, gemma2.AttentionSoftcap);
        Assert.Equal(30.0, gemma2.FinalLogitSoftcap);
        Assert.Equal(1.0 / 16, gemma2.AttentionScale);
        Assert.Equal([4096, null, 4096, null], Enumerable.Range(0, 4).Select(gemma2.LayerWindow));
        Assert.Null(Parse("\"model_type\": \"gemma2\", \"attn_logit_softcapping\": null").AttentionSoftcap);

        var gemma3 = Parse("\"model_type\": \"gemma3_text\"");
        Assert.True(gemma3.QueryKeyNorm && gemma3.SandwichNorms);
        Assert.Null(gemma3.AttentionSoftcap);
        Assert.Equal(new RopeSettings(10_000, null), gemma3.LayerRope(0));
        var twelve = LlamaConfigReader.Parse("""
            { "model_type": "gemma3_text", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 12,
              "num_attention_heads": 4, "vocab_size": 50, "rope_scaling": {"rope_type": "linear", "factor": 8} }
            """);
        var globals = Enumerable.Range(0, 12).Where(l => !twelve.IsSlidingLayer(l)).ToArray();
        Assert.Equal([5, 11], globals);
        Assert.Equal(new RopeSettings(1_000_000, new RopeScaling(RopeScalingKind.Linear, 8)), twelve.LayerRope(5));
        Assert.Equal(new RopeSettings(10_000, null), twelve.LayerRope(4));
    }

    [Fact]
    public void Layer_types_override_the_family_pattern()
    {
        var config = Parse("""
            "model_type": "gemma2", "layer_types": ["full_attention", "sliding_attention", "sliding_attention", "full_attention"]
            """);
        Assert.Equal([null, 4096, 4096, null], Enumerable.Range(0, 4).Select(config.LayerWindow));
        Assert.Contains("layer_types: 2 entries for 4 layers", Assert.Throws<ArgumentException>(
            () => Parse("\"model_type\": \"gemma2\", \"layer_types\": [\"full_attention\", \"full_attention\"]")).Message);
        Assert.Contains("'sliding_attention' or 'full_attention'", Assert.Throws<ArgumentException>(
            () => Parse("\"model_type\": \"gemma2\", \"layer_types\": [\"chunked\", 1, 2, 3]")).Message);
    }

    [Theory]
    [InlineData("\"model_type\": \"gemma2\", \"hidden_activation\": \"relu\"", "hidden_activation: 'relu' is not supported")]
    [InlineData("\"model_type\": \"qwen3\", \"hidden_act\": \"gelu\"", "hidden_act: 'gelu' is not supported")]
    [InlineData("\"model_type\": \"phi3\", \"partial_rotary_factor\": 0.75", "partial_rotary_factor: 0.75 is not supported")]
    [InlineData("\"model_type\": \"phi3\", \"rope_scaling\": {\"type\": \"longrope\", \"factor\": 2}", "rope_scaling.rope_type: 'longrope' is not supported")]
    [InlineData("\"model_type\": \"gemma2\", \"attn_logit_softcapping\": -1", "attn_logit_softcapping")]
    [InlineData("\"model_type\": \"gemma3_text\", \"sliding_window_pattern\": 0", "sliding_window_pattern")]
    public void Unsupported_family_settings_are_named(string fields, string expected)
    {
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Parse(fields)).Message);
    }

    [Theory]
    [MemberData(nameof(FamilyLogitsTests.Fixtures), MemberType = typeof(FamilyLogitsTests))]
    public void Written_config_json_reads_back_as_the_same_decoder(string fixture)
    {
        var config = LlamaConfigReader.ReadFolder(FamilyFixtures.Folder(fixture));
        var again = LlamaConfigReader.Parse(DecoderConfigJson.Create(config).ToJsonString());
        Assert.Equal(config with { SlidingLayers = null }, again with { SlidingLayers = null });
        Assert.Equal(
            Enumerable.Range(0, config.NumHiddenLayers).Select(config.LayerWindow),
            Enumerable.Range(0, again.NumHiddenLayers).Select(again.LayerWindow));
    }

    [Fact]
    public void A_restacked_config_keeps_each_layers_own_local_or_global_attention()
    {
        using var model = LlamaModel.Load(FamilyFixtures.Folder("gemma2"));
        var json = DecoderConfigJson.Create(model.Config);
        // Layer 1 is global and layers 0, 2 local; stacked as 1, 0, 0, 2 the pattern by index would differ.
        DecoderConfigJson.SetLayers(json, [model.Layers[1], model.Layers[0], model.Layers[0], model.Layers[2]]);
        var restacked = LlamaConfigReader.Parse(json.ToJsonString());
        Assert.Equal(4, restacked.NumHiddenLayers);
        Assert.Equal([null, 3, 3, 3], Enumerable.Range(0, 4).Select(restacked.LayerWindow));
    }
}
