using System.Globalization;
using EvoMerge.Merging.Methods;
using YamlDotNet.RepresentationModel;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Golden;

/// <summary>
/// One golden case: its mergekit config (only the fields these cases use: merge_method, base_model,
/// scalar global and per-model parameters) and the tensors of its models and expected output.
/// </summary>
internal sealed class GoldenCase
{
    public required string MergeMethod { get; init; }
    public required string? BaseModel { get; init; }
    public required IReadOnlyList<(string Model, Dictionary<string, double> Parameters)> Models { get; init; }
    public required Dictionary<string, double> GlobalParameters { get; init; }
    public required Dictionary<string, Tensor> Expected { get; init; }
    public required Dictionary<string, Dictionary<string, Tensor>> ModelTensors { get; init; }

    /// <param name="folder">The golden folder under shared/golden: "mergekit" or "mergekit-more".</param>
    public static GoldenCase Load(string folder, string caseName)
    {
        string root = SharedFolder.Path("golden", folder);
        string caseDir = Path.Combine(root, "cases", caseName);
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(caseDir, "config.yml"))) yaml.Load(reader);
        var config = (YamlMappingNode)yaml.Documents[0].RootNode;

        string? baseModel = config.Children.TryGetValue("base_model", out var b) ? ((YamlScalarNode)b).Value : null;
        var models = ((YamlSequenceNode)config["models"]).Children.Cast<YamlMappingNode>()
            .Select(m => (((YamlScalarNode)m["model"]).Value!, Scalars(m, "parameters")))
            .ToList();
        var paths = models.Select(m => m.Item1).Append(baseModel).OfType<string>().Distinct();
        return new GoldenCase
        {
            MergeMethod = ((YamlScalarNode)config["merge_method"]).Value!,
            BaseModel = baseModel,
            Models = models,
            GlobalParameters = Scalars(config, "parameters"),
            Expected = TinySafeTensors.ReadFloat32(Path.Combine(caseDir, "expected.safetensors")),
            ModelTensors = paths.ToDictionary(p => p, p => TinySafeTensors.ReadFloat32(Path.Combine(root, p, "model.safetensors"))),
        };
    }

    /// <summary>The inputs the executor would hand the method for one tensor (globals with the method's defaults filled in).</summary>
    public MergeInputs InputsFor(IMergeMethod method, string tensorName, Generator? generator = null)
    {
        var globals = new Dictionary<string, double>(GlobalParameters);
        foreach (var spec in method.GlobalParameters)
            if (!globals.ContainsKey(spec.Name) && spec.Default is double d) globals[spec.Name] = d;
        return new MergeInputs
        {
            TensorName = tensorName,
            Models = Models.Select(m => new MethodInputModel(m.Model, m.Model == BaseModel, ModelTensors[m.Model][tensorName], m.Parameters)).ToList(),
            Base = BaseModel is null ? null : ModelTensors[BaseModel][tensorName],
            GlobalParameters = globals,
            Generator = generator,
        };
    }

    static Dictionary<string, double> Scalars(YamlMappingNode node, string key)
    {
        var result = new Dictionary<string, double>();
        if (!node.Children.TryGetValue(key, out var child)) return result;
        foreach (var (name, value) in ((YamlMappingNode)child).Children)
        {
            string text = ((YamlScalarNode)value).Value!;
            result[((YamlScalarNode)name).Value!] = text switch
            {
                "true" => 1,
                "false" => 0,
                _ => double.Parse(text, CultureInfo.InvariantCulture),
            };
        }
        return result;
    }
}
