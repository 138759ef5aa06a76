using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin.Fisher;
using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.Models.Mlp;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Evaluation.Builtin.Tests.Fisher;

/// <summary>What `evomerge fisher` does for one model folder: estimate from the folder and data, write fisher/.</summary>
public sealed class ClassifierFisherFolderTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("fisher-folder").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Writes_the_fisher_checkpoint_with_the_models_tensor_names_and_shapes()
    {
        var architecture = new MlpArchitecture(4, [5], 3);
        var rng = new Rng(3);
        var (model, flat) = TinyModels.RandomWeights(architecture, rng);
        model.WriteSafeTensors(_folder);
        architecture.Save(Path.Combine(_folder, MlpArchitecture.FileName));
        var data = TinyModels.RandomData(20, 4, 3, rng);

        var fisher = ClassifierFisherFolder.Estimate(_folder, data, examples: 12);
        FisherFiles.Write(_folder, fisher);

        var header = SafeTensorsCheckpoint.ReadHeaders(FisherFiles.Folder(_folder));
        Assert.Equal(architecture.Layout.Select(s => s.Name).Order(), header.TensorNames.Order());
        foreach (var slot in architecture.Layout) Assert.Equal(slot.Shape, header.Tensors[slot.Name].Shape.ToArray());
        // The same numbers as the estimate on the flat vector.
        using var rows = new ClassificationData(data.Features[..(12 * 4)].ToArray(), new int[12], 4);
        var direct = ClassifierFisher.Estimate(architecture, flat.Select(v => (float)v).ToArray(), rows, 12);
        Assert.Equal(direct, fisher.SelectMany(t => t.Values));
        // The model folder itself still holds one checkpoint: fisher/ is a subfolder.
        Assert.Equal(model.Tensors.Count, MergedModel.ReadSafeTensors(_folder).Tensors.Count);
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_is_reported_with_every_problem()
    {
        var architecture = new MlpArchitecture(4, [5], 3);
        var rng = new Rng(4);
        TinyModels.RandomWeights(architecture, rng).Model.WriteSafeTensors(_folder);
        architecture.Save(Path.Combine(_folder, MlpArchitecture.FileName));
        var e = Assert.Throws<FatalEvaluationException>(() => ClassifierFisherFolder.Estimate(_folder, TinyModels.RandomData(5, 3, 3, rng), examples: 9));
        Assert.Contains("3 feature columns, but the model takes 4 inputs", e.Message);
        Assert.Contains("examples must be between 1 and the 5 rows", e.Message);
        Assert.False(Directory.Exists(FisherFiles.Folder(_folder)));
    }
}
