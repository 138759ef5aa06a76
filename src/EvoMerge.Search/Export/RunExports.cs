using EvoMerge.Models.Mlp;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tasks.Classifier;

namespace EvoMerge.Search.Export;

/// <summary>Which trial to export: by id, or the one <c>best/&lt;name&gt;/</c> holds (an objective or <c>balanced</c>).</summary>
public abstract record ExportChoice
{
    public sealed record Trial(long Id) : ExportChoice;

    public sealed record Best(string Name) : ExportChoice;
}

/// <summary>
/// Writes any trial of a run folder as a model folder, from the stored config and the journal (read-only:
/// works while the run is still going), without opening task data: a merged checkpoint with its recipe for
/// parameter-space runs, a data-flow folder (stored layers, input_layers, input_scales) for data-flow runs.
/// The folder is complete for the evaluator that scored it: a classifier task's <c>architecture.json</c> is
/// copied in. It is built aside and renamed into place (see <see cref="ExportTarget"/>).
/// </summary>
public static class RunExports
{
    public static (long TrialId, IReadOnlyList<string> Files) Export(string runFolder, ExportChoice choice, string outputFolder, bool overwrite = false, Action<string>? log = null)
    {
        string folder = Path.GetFullPath(runFolder);
        string target = Path.GetFullPath(outputFolder);
        string configPath = Path.Combine(folder, RunFolder.ConfigFileName);
        if (!File.Exists(configPath)) throw new ArgumentException($"{folder} is not a run folder (no {RunFolder.ConfigFileName}).");
        ExportTarget.Check(target, overwrite);
        var state = RunState.From(RunJournal.ReadOnly(folder));
        var config = SearchConfigParser.Parse(File.ReadAllText(configPath), folder, configPath, Path.GetFileName(folder));
        var trial = choice switch
        {
            ExportChoice.Trial t => state.TrialsById.GetValueOrDefault(t.Id)
                ?? throw new ArgumentException($"--trial {t.Id}: the run has trials 0 to {state.Trials.Count - 1}."),
            ExportChoice.Best b => BestTrials.Named(state, RunSchema.From(state.Created), b.Name),
            _ => throw new ArgumentException("choose a trial with --trial N or --best OBJECTIVE."),
        };

        string staging = ExportTarget.Staging(target);
        try
        {
            using (var space = SearchSpaces.Create(config))
                space.ExportModel(staging, trial.TrialId, trial.Genes, log);
            if (ArchitectureFile(config) is { } architecture)
                File.Copy(architecture, Path.Combine(staging, MlpArchitecture.FileName), overwrite: true);
            ExportTarget.Publish(staging, target, folder, trial.TrialId, overwrite);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        var files = Directory.EnumerateFiles(target).Select(f => Path.GetFileName(f)).Where(f => f != ExportTarget.MarkerFileName).Order(StringComparer.Ordinal).ToList();
        return (trial.TrialId, files);
    }

    /// <summary>Exports trial <paramref name="trialId"/> into a folder that must not exist or be empty; returns the file names.</summary>
    public static IReadOnlyList<string> Export(string runFolder, long trialId, string outputFolder, Action<string>? log = null) =>
        Export(runFolder, new ExportChoice.Trial(trialId), outputFolder, overwrite: false, log).Files;

    /// <summary>The architecture.json the run's classifier tasks load the merged model with; null without such a task.</summary>
    static string? ArchitectureFile(SearchConfig config) =>
        config.Tasks.Select(t => ClassifierTaskKind.ArchitectureFile(t, config.Models.Base?.Path, config.Models.Experts[0].Path)).FirstOrDefault(f => f is not null);
}
