using System.Text.Json.Nodes;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// What the planner knows about one input model before reading any weights: its tensor headers,
/// its layer layout and its config.json (if any).
/// </summary>
public sealed record ModelCheckpoint(string Path, CheckpointHeader Header, TensorLayout Layout, JsonObject? HfConfig)
{
    /// <summary>Headers of several models by path; the ones that fail add their problems and are left out.</summary>
    public static Dictionary<string, ModelCheckpoint> TryLoadAll(IEnumerable<string> paths, List<string> problems)
    {
        var loaded = new Dictionary<string, ModelCheckpoint>();
        foreach (var path in paths)
            if (!loaded.ContainsKey(path) && TryLoad(path, problems) is { } header) loaded[path] = header;
        return loaded;
    }

    /// <summary>Reads headers only; problems are added to <paramref name="problems"/> and null returned.</summary>
    public static ModelCheckpoint? TryLoad(string path, List<string> problems)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            problems.Add($"{path}: model not found (paths in a config resolve against the directory the command runs in).");
            return null;
        }
        CheckpointHeader header;
        try
        {
            header = SafeTensorsCheckpoint.ReadHeaders(path);
        }
        catch (Exception e) when (e is SafeTensorsFormatException or PickleCheckpointException or IOException or UnauthorizedAccessException)
        {
            problems.Add(e.Message);
            return null;
        }

        JsonObject? hfConfig = null;
        string folder = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path)!;
        string configPath = System.IO.Path.Combine(folder, "config.json");
        var configFile = ModelFolderFiles.Inspect(folder, "config.json");
        if (configFile is { Usable: false }) problems.Add(configFile.Value.Problem! + " Replace it with the model's own config.json.");
        else if (configFile is { Usable: true })
        {
            try { hfConfig = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject; }
            catch (System.Text.Json.JsonException e) { problems.Add($"{configPath}: invalid JSON ({e.Message})."); }
        }

        var layout = TensorLayout.Analyze(header.TensorNames);
        if (layout.Problem != null) { problems.Add($"{path}: {layout.Problem}"); return null; }
        int? declared = DeclaredLayerCount(hfConfig);
        if (declared != null && layout.LayerCount > 0 && declared != layout.LayerCount)
            problems.Add($"{path}: config.json says {declared} layers but the checkpoint holds {layout.LayerCount} ({layout.LayerPrefix}.N).");
        return new ModelCheckpoint(path, header, layout, hfConfig);
    }

    static int? DeclaredLayerCount(JsonObject? config)
    {
        foreach (var key in new[] { "num_hidden_layers", "n_layer", "num_layers" })
            if (config?[key] is JsonValue v && v.TryGetValue(out int n)) return n;
        return null;
    }
}
