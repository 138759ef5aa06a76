using EvoMerge.Merging.Config;
using EvoMerge.Models.Llama;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// A layer path as a mergekit passthrough config, where one exists: the path cut into maximal runs of
/// consecutive layers of one source, each run a slice <c>{model, layer_range: [a, b)}</c>. Passthrough
/// copies layers unchanged and takes the embeddings from the first slice's model and the final norm and
/// head from the last slice's, so it can express a path only when every scale is 1, the first and last
/// runs come from the head model, and every source used has a folder. Otherwise <see cref="Config"/> is
/// null and <see cref="UnavailableReason"/> says why.
/// </summary>
public sealed record PassthroughRecipe(MergeConfig? Config, string? UnavailableReason)
{
    public const string FileName = "mergekit_passthrough.yml";

    public bool IsAvailable => Config is not null;

    public static PassthroughRecipe For(DataFlowSources sources, LayerPath path)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Count == 0)
            return Unavailable("the path is empty (embeddings straight to the head); a passthrough config needs at least one slice.");
        int scaled = Array.FindIndex(path.Scales, s => s != 1f);
        if (scaled >= 0)
            return Unavailable($"hop {scaled} scales its input by {path.Scales[scaled]}; passthrough copies layers and cannot scale hidden states.");

        var runs = Runs(sources, path);
        string head = sources.Sources[sources.HeadIndex].Name;
        if (runs[0].Source != sources.HeadIndex || runs[^1].Source != sources.HeadIndex)
            return Unavailable($"passthrough takes the embeddings from the first slice's model and the head from the last slice's; " +
                               $"this path starts in '{sources.Sources[runs[0].Source].Name}' and ends in '{sources.Sources[runs[^1].Source].Name}', the head model is '{head}'.");
        var inMemory = runs.Select(r => sources.Sources[r.Source]).FirstOrDefault(s => s.Folder is null);
        if (inMemory is not null)
            return Unavailable($"source '{inMemory.Name}' is held in memory only (no folder), so a config cannot refer to it; save it first.");

        var slices = runs
            .Select(r => new SliceEntry([new SliceSource(sources.Sources[r.Source].Folder!, r.Start, r.End, ParameterSet.Empty)], ParameterSet.Empty))
            .ToList();
        return new PassthroughRecipe(new MergeConfig { MergeMethod = "passthrough", Slices = slices }, null);
    }

    static PassthroughRecipe Unavailable(string reason) => new(null, reason);

    /// <summary>Maximal runs [Start, End) of consecutive layers of one source along the path.</summary>
    static List<(int Source, int Start, int End)> Runs(DataFlowSources sources, LayerPath path)
    {
        var runs = new List<(int Source, int Start, int End)>();
        foreach (int global in path.Layers)
        {
            var (source, layer) = sources.Locate(global);
            if (runs.Count > 0 && runs[^1].Source == source && runs[^1].End == layer)
                runs[^1] = (source, runs[^1].Start, layer + 1);
            else
                runs.Add((source, layer, layer + 1));
        }

        return runs;
    }
}
