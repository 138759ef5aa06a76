using EvoMerge.Models.Mlp;

namespace EvoMerge.Models.Tests.Mlp;

public class MlpArchitectureTests
{
    [Fact]
    public void Digits_network_has_the_reference_layout()
    {
        var digits = MlpArchitecture.Digits;
        Assert.Equal(19_210, digits.ParameterCount);
        var layout = digits.Layout;
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], layout.Select(s => s.Name));
        Assert.Equal([0L, 16_384, 16_640, 19_200], layout.Select(s => s.Offset));
        Assert.Equal([64L, 256], layout[0].Shape);
        Assert.Equal([256L, 10], layout[2].Shape);
        Assert.Equal([0, 16_640], digits.LayerStarts);
    }

    [Fact]
    public void Json_file_round_trips()
    {
        var architecture = new MlpArchitecture(5, [7, 3], 4, "tanh");
        string dir = Directory.CreateTempSubdirectory("mlp-arch").FullName;
        try
        {
            string path = Path.Combine(dir, MlpArchitecture.FileName);
            architecture.Save(path);
            Assert.Contains("\"parameters\": 82", File.ReadAllText(path));
            Assert.Equal(architecture, MlpArchitecture.Load(path));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Invalid_descriptions_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MlpArchitecture(0, [4], 2).Validate());
        Assert.Throws<ArgumentException>(() => new MlpArchitecture(3, [0], 2).Validate());
        Assert.Throws<ArgumentException>(() => new MlpArchitecture(3, [4], 1).Validate());
        Assert.Throws<ArgumentException>(() => new MlpArchitecture(3, [4], 2, "swish").Validate());
        var json = MlpArchitecture.Digits.ToJson();
        json["parameters"] = 5;
        Assert.Throws<FormatException>(() => MlpArchitecture.FromJson(json));
        json = MlpArchitecture.Digits.ToJson();
        json["kind"] = "llama";
        Assert.Throws<FormatException>(() => MlpArchitecture.FromJson(json));
    }
}
