using EvoMerge.Merging.Config;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// Estimates a model's diagonal Fisher information from task data (<c>fisher_data</c> in a config) for models
/// without a <c>fisher/</c> checkpoint. Implemented where models can be run (the built-in classifier and the
/// language models live outside the merge kernel); the planner only asks.
/// </summary>
public interface IFisherEstimator
{
    /// <summary>Why <paramref name="data"/> cannot give <paramref name="modelFolder"/>'s Fisher (empty when it can). Cheap: no weights are read.</summary>
    IReadOnlyList<string> FindProblems(string modelFolder, FisherDataSetting data);

    /// <summary>Writes the Fisher checkpoint (float32, the model's tensor names and shapes) into <paramref name="fisherFolder"/>.</summary>
    void Estimate(string modelFolder, FisherDataSetting data, string fisherFolder, CancellationToken cancel);
}
