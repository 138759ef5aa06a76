using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.Running;

namespace EvoMerge.Search.Export;

/// <summary>
/// Writes any trial of a run folder as a model folder, from the stored config and the journal (read-only:
/// works while the run is still going), without opening task data: a merged checkpoint with its recipe for
/// parameter-space runs, a data-flow folder (stored layers, input_layers, input_scales) for data-flow runs.
/// </summary>
public static class RunExports
{
    public static IReadOnlyList<string> Export(string runFolder, long trialId, string outputFolder, Action<string>? log = null)
    {
        string folder = Path.GetFullPath(runFolder);
        string configPath = Path.Combine(folder, RunFolder.ConfigFileName);
        if (!File.Exists(configPath)) throw new ArgumentException($"{folder} is not a run folder (no {RunFolder.ConfigFileName}).");
        var config = SearchConfigParser.Parse(File.ReadAllText(configPath), folder, configPath, Path.GetFileName(folder));
        var state = RunState.From(RunJournal.ReadOnly(folder));
        if (!state.TrialsById.TryGetValue(trialId, out var trial))
            throw new ArgumentException($"--trial {trialId}: the run has trials 0 to {state.Trials.Count - 1}.");
        using var space = SearchSetup.CreateSpace(config);
        return space.ExportModel(outputFolder, trialId, trial.Genes, log);
    }
}
