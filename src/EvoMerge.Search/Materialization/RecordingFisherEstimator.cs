using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;

namespace EvoMerge.Search.Materialization;

/// <summary>Passes estimates to another estimator and records which models it estimated, so a run can say (and a test count) what it computed.</summary>
public sealed class RecordingFisherEstimator(IFisherEstimator inner) : IFisherEstimator
{
    readonly List<(string Model, string Folder)> _estimated = [];

    /// <summary>The models estimated through this instance, with the folder each was written to, in order.</summary>
    public IReadOnlyList<(string Model, string Folder)> Estimated => _estimated;

    public IReadOnlyList<string> FindProblems(string modelFolder, FisherDataSetting data) => inner.FindProblems(modelFolder, data);

    public void Estimate(string modelFolder, FisherDataSetting data, string fisherFolder, CancellationToken cancel)
    {
        inner.Estimate(modelFolder, data, fisherFolder, cancel);
        _estimated.Add((modelFolder, fisherFolder));
    }
}
