using EvoMerge.Models.Llama;

namespace EvoMerge.Models.Tests.Llama;

public class LlamaConfigTests
{
    const string Base = """
        "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 50
        """;

    [Fact]
    public void Fixture_configs_read_with_their_specific_fields()
    {
        var qwen = LlamaConfigReader.ReadFolder(LlamaFixtures.Folder("qwen2_bias"));
        Assert.Equal(LlamaModelType.Qwen2, qwen.ModelType);
        Assert.True(qwen.QkvBias);
        Assert.False(qwen.OutputBias);
        Assert.Equal(1, qwen.NumKeyValueHeads);

        var llama3 = LlamaConfigReader.ReadFolder(LlamaFixtures.Folder("llama3_rope"));
        Assert.Equal(12, llama3.HeadDim);
        Assert.Equal(new RopeScaling(RopeScalingKind.Llama3, 8, 1, 4, 16), llama3.RopeScaling);
        Assert.True(llama3.OutputBias && llama3.MlpBias);

        var linear = LlamaConfigReader.ReadFolder(LlamaFixtures.Folder("linear_rope"));
        Assert.Equal(new RopeScaling(RopeScalingKind.Linear, 2.5), linear.RopeScaling);
        Assert.True(linear.TieWordEmbeddings);

        var mistral = LlamaConfigReader.ReadFolder(LlamaFixtures.Folder("gqa_tied"));
        Assert.Equal(4096, mistral.SlidingWindow);
    }

    [Fact]
    public void Defaults_fill_optional_fields()
    {
        var config = LlamaConfigReader.Parse($$"""{ "model_type": "llama", {{Base}} }""");
        Assert.Equal(4, config.NumKeyValueHeads);
        Assert.Equal(8, config.HeadDim);
        Assert.Null(config.RopeScaling);
        Assert.False(config.TieWordEmbeddings);
    }

    [Theory]
    [InlineData("\"model_type\": \"gpt2\"", "model_type")]
    [InlineData("\"model_type\": \"llama\", \"num_key_value_heads\": 3", "num_key_value_heads")]
    [InlineData("\"model_type\": \"llama\", \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4}", "rope_scaling.rope_type: 'yarn' is not supported; supported: linear, llama3")]
    [InlineData("\"model_type\": \"llama\", \"rope_scaling\": {\"type\": \"linear\"}", "rope_scaling.factor is missing")]
    [InlineData("\"model_type\": \"llama\", \"rms_norm_eps\": -1", "rms_norm_eps")]
    [InlineData("\"model_type\": \"llama\", \"head_dim\": 7", "head_dim")]
    [InlineData("\"model_type\": \"llama\", \"hidden_act\": \"gelu\"", "hidden_act")]
    [InlineData("\"model_type\": \"qwen2\", \"use_sliding_window\": true", "sliding_window is missing while use_sliding_window is true")]
    [InlineData("\"model_type\": \"llama\", \"vocab_size\": \"many\"", "vocab_size must be an integer")]
    public void Invalid_fields_are_named(string fields, string expected)
    {
        string json = fields.Contains("vocab_size", StringComparison.Ordinal)
            ? $$"""{ {{fields}}, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2, "num_attention_heads": 4 }"""
            : $$"""{ {{fields}}, {{Base}} }""";
        var error = Assert.Throws<ArgumentException>(() => LlamaConfigReader.Parse(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => LlamaConfigReader.Parse("""{ "model_type": "llama", "hidden_size": 32 }"""));
        Assert.Contains("num_attention_heads is missing", error.Message);
    }
}
