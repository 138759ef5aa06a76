using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;

namespace EvoMerge.Evaluation.Builtin.Tests;

/// <summary>Checkpoints stored in PyTorch's nn.Linear layout ([out, in]), declared by "weight_layout": "out_in".</summary>
public class WeightLayoutTests
{
    private static BuiltinClassifierEvaluator Evaluator(MlpArchitecture architecture, Rng rng) => new(new BuiltinClassifierOptions
    {
        Architecture = architecture,
        Data = TinyModels.RandomData(12, architecture.Inputs, architecture.Classes, rng),
    });

    /// <summary>The same weights as PyTorch stores them: every weight matrix transposed to [out, in].</summary>
    private static MergedModel AsPyTorch(MergedModel model) => new(model.Tensors.Select(t =>
    {
        if (t.Value.Shape.Count != 2)
        {
            return t;
        }

        int rows = (int)t.Value.Shape[0], columns = (int)t.Value.Shape[1];
        var values = t.Value.Float32Values;
        var transposed = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return new KeyValuePair<string, MergedTensor>(t.Key, MergedTensor.FromFloat32(transposed, columns, rows));
    }));

    [Theory]
    [InlineData(3, 3, 3)] // square layers: shapes alone cannot tell the layouts apart
    [InlineData(4, 5, 3)]
    public void Out_in_weights_give_the_same_outputs_as_the_same_network_in_in_out(int inputs, int hidden, int classes)
    {
        var architecture = new MlpArchitecture(inputs, [hidden], classes);
        var (model, _) = TinyModels.RandomWeights(architecture, new Rng(3));
        using var inOut = Evaluator(architecture, new Rng(4));
        using var outIn = Evaluator(architecture with { WeightLayout = MlpArchitecture.OutIn }, new Rng(4));

        var expected = inOut.RunOutputs(model, CancellationToken.None).ToArray();
        var actual = outIn.RunOutputs(AsPyTorch(model), CancellationToken.None).ToArray();

        Assert.Equal(expected, actual);
        if (inputs == hidden && hidden == classes)
        {
            // Read as [in, out], the PyTorch tensors fit too but run transposed: the declaration is what tells.
            Assert.NotEqual(expected, inOut.RunOutputs(AsPyTorch(model), CancellationToken.None).ToArray());
        }
    }

    [Fact]
    public void Out_in_shapes_are_checked_and_a_wrong_declaration_is_explained()
    {
        var architecture = new MlpArchitecture(4, [5], 3);
        using var inOut = Evaluator(architecture, new Rng(1));
        using var outIn = Evaluator(architecture with { WeightLayout = MlpArchitecture.OutIn }, new Rng(1));
        var pyTorchSpecs = AsPyTorch(TinyModels.RandomWeights(architecture, new Rng(2)).Model).Specs();

        Assert.Empty(outIn.FindProblems(pyTorchSpecs));
        var problems = inOut.FindProblems(pyTorchSpecs);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("\"weight_layout\": \"out_in\"", p));
        Assert.Contains(problems, p => p.Contains("'layers.0.weight' is F32 [5, 4] in the merged model, but the architecture expects [4, 5]", StringComparison.Ordinal));
    }

    [Fact]
    public void Architecture_json_keeps_the_weight_layout_and_refuses_unknown_ones()
    {
        var folder = Path.Combine(Path.GetTempPath(), "evomerge-layout-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, MlpArchitecture.FileName);
            (new MlpArchitecture(4, [5], 3) with { WeightLayout = MlpArchitecture.OutIn }).Save(path);
            Assert.Equal(MlpArchitecture.OutIn, MlpArchitecture.Load(path).WeightLayout);

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"out_in\"", "\"columns\"", StringComparison.Ordinal));
            var error = Assert.Throws<FatalEvaluationException>(() => new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
            {
                ArchitecturePath = path,
                Data = TinyModels.RandomData(2, 4, 3, new Rng(1)),
            }));
            Assert.Contains(path, error.Message);
            Assert.Contains("weight_layout 'columns'", error.Message);
            Assert.Contains("out_in", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
