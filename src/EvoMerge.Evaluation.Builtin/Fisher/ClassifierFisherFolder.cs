using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>The diagonal Fisher of a built-in classifier's model folder (architecture.json and safetensors), by tensor.</summary>
public static class ClassifierFisherFolder
{
    /// <summary>
    /// Reads the model, checks it against its architecture and the data (every problem at once), and
    /// estimates the Fisher on the first <paramref name="examples"/> rows (null: all of them).
    /// </summary>
    /// <exception cref="FatalEvaluationException">The folder, its tensors or the data do not fit.</exception>
    public static IReadOnlyList<(string Name, long[] Shape, float[] Values)> Estimate(string modelFolder, TaskData data, int? examples)
    {
        ArgumentNullException.ThrowIfNull(data);
        var architecture = new BuiltinClassifierOptions { ArchitecturePath = modelFolder, Data = data }.ResolveArchitecture();
        var problems = new List<string>();
        if (data.FeatureCount != architecture.Inputs)
            problems.Add($"{data.Source} has {data.FeatureCount} feature columns, but the model takes {architecture.Inputs} inputs.");
        int rows = examples ?? data.RowCount;
        if (rows < 1 || rows > data.RowCount)
            problems.Add($"examples must be between 1 and the {data.RowCount} rows of {data.Source} (was {rows}).");
        using var model = MergedModel.ReadSafeTensors(modelFolder);
        var map = new MlpTensorMap(architecture, Path.Combine(modelFolder, MlpArchitecture.FileName));
        problems.AddRange(map.FindProblems(model.Specs()).Select(p => $"{modelFolder}: {p}"));
        if (problems.Count > 0)
            throw new FatalEvaluationException($"cannot estimate the Fisher information of {modelFolder}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");

        var parameters = new float[architecture.ParameterCount];
        map.CopyInto(model, parameters);
        // The exact Fisher takes the expectation over the model's own predictions: the labels are not read.
        var labels = new int[rows];
        using var classification = new ClassificationData(data.Features[..(rows * data.FeatureCount)].ToArray(), labels, data.FeatureCount);
        return ClassifierFisher.NamedTensors(architecture, ClassifierFisher.Estimate(architecture, parameters, classification, rows));
    }
}
