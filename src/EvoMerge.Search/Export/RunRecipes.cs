using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Running;

namespace EvoMerge.Search.Export;

/// <summary>
/// The merge recipe of any trial of a run folder, from its stored config and journal (read-only: works
/// while the run is still going), without opening task data or evaluators.
/// </summary>
public static class RunRecipes
{
    public static MergeConfig For(string runFolder, long trialId)
    {
        string folder = Path.GetFullPath(runFolder);
        string configPath = Path.Combine(folder, RunFolder.ConfigFileName);
        if (!File.Exists(configPath)) throw new ArgumentException($"{folder} is not a run folder (no {RunFolder.ConfigFileName}).");
        var config = SearchConfigParser.Parse(File.ReadAllText(configPath), folder, configPath, Path.GetFileName(folder));
        var state = RunState.From(RunJournal.ReadOnly(folder));
        if (!state.TrialsById.TryGetValue(trialId, out var trial))
            throw new ArgumentException($"--trial {trialId}: the run has trials 0 to {state.Trials.Count - 1}.");

        var problems = new List<string>();
        var headers = new Dictionary<string, ModelCheckpoint>();
        foreach (var model in config.Models.Base is null ? config.Models.Experts : [config.Models.Base, .. config.Models.Experts])
            if (ModelCheckpoint.TryLoad(model.Path, problems) is { } header) headers[model.Path] = header;
        var genome = problems.Count == 0 ? ParameterSpaceGenome.Build(config, headers, problems) : null;
        if (genome is null) throw new SearchConfigException(configPath, problems);
        return genome.Decode(trial.Genes, SearchSetup.TrialSeed(config.Seed, trialId));
    }
}
