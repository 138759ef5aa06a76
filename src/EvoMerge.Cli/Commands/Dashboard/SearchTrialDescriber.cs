using EvoMerge.Dashboard.Web;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Spaces;

namespace EvoMerge.Cli.Commands.Dashboard;

/// <summary>
/// Recipes for the dashboard, from each run's stored config and search space (model headers only, no
/// weights): what <c>best/&lt;objective&gt;/</c> holds, for any trial. Spaces are built on first use
/// and kept; calls are serialized, since a space is not meant for concurrent use.
/// </summary>
internal sealed class SearchTrialDescriber : ITrialDescriber, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ISearchSpace> _spaces = new(StringComparer.Ordinal);

    public IReadOnlyList<(string File, string Text)> Describe(string runFolder, long trialId, IReadOnlyList<double> genes)
    {
        lock (_gate)
        {
            string scratch = Path.Combine(Path.GetTempPath(), $"evomerge-recipe-{Environment.ProcessId}-{trialId}-{Guid.NewGuid():N}");
            try
            {
                Space(runFolder).WriteRecipe(scratch, trialId, genes, $"# Trial {trialId} of run {Path.GetFileName(runFolder)}.\n");
                return Directory.GetFiles(scratch).Order(StringComparer.Ordinal)
                    // The space's comments name the folder it wrote to: this scratch one means nothing to the reader.
                    .Select(f => (Path.GetFileName(f), File.ReadAllText(f).Replace(scratch + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)))
                    .ToList();
            }
            catch (Exception e) when (e is SearchConfigException or NotSupportedException)
            {
                throw new InvalidDataException(e.Message, e);
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private ISearchSpace Space(string runFolder)
    {
        if (_spaces.TryGetValue(runFolder, out var space)) return space;
        string configPath = Path.Combine(runFolder, RunFolder.ConfigFileName);
        if (!File.Exists(configPath)) throw new FileNotFoundException($"'{runFolder}' has no {RunFolder.ConfigFileName} to build recipes from.", configPath);
        var config = SearchConfigParser.Parse(File.ReadAllText(configPath), runFolder, configPath, Path.GetFileName(runFolder));
        space = SearchSpaces.Create(config);
        _spaces[runFolder] = space;
        return space;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var space in _spaces.Values) space.Dispose();
            _spaces.Clear();
        }
    }
}
