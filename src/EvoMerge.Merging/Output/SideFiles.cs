using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;

namespace EvoMerge.Merging.Output;

/// <summary>What a merge writes besides the weights: config.json, tokenizer files and the resolved config.</summary>
internal static class SideFiles
{
    /// <summary>Writes the side files into <paramref name="folder"/>; returns warnings about files not copied.</summary>
    public static List<string> Write(MergePlan plan, string folder)
    {
        var warnings = new List<string>();
        string? configSource = plan.Config.BaseModel ?? plan.Config.ReferencedModels().FirstOrDefault();
        if (configSource != null && plan.Models.TryGetValue(configSource, out var source) && source.HfConfig != null)
        {
            var hf = (JsonObject)source.HfConfig.DeepClone();
            if (plan.OutputLayerCount > 0)
                foreach (var key in new[] { "num_hidden_layers", "n_layer", "num_layers" })
                    if (hf.ContainsKey(key)) hf[key] = plan.OutputLayerCount;
            // The dtype of the merged weights, not of copied integer buffers.
            var merged = plan.Tensors.FirstOrDefault(t => !t.CopyOnly);
            if (merged != null && hf.ContainsKey("torch_dtype"))
                hf["torch_dtype"] = DTypeNames.ToName(merged.OutputDType);
            File.WriteAllText(Path.Combine(folder, "config.json"), hf.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        string? tokenizerModel = plan.Config.TokenizerSource is null or "base"
            ? plan.Config.BaseModel ?? plan.Config.ReferencedModels().FirstOrDefault()
            : plan.Config.TokenizerSource;
        if (tokenizerModel != null)
        {
            string dir = ModelFolderFiles.FolderOf(tokenizerModel);
            foreach (var name in ModelFolderFiles.TokenizerFiles)
            {
                switch (ModelFolderFiles.Inspect(dir, name))
                {
                    case { Usable: true }:
                        File.Copy(Path.Combine(dir, name), Path.Combine(folder, name));
                        break;
                    case { Usable: false, Problem: var problem }:
                        warnings.Add(problem!);
                        break;
                }
            }
        }

        File.WriteAllText(Path.Combine(folder, PreviousOutput.ConfigFileName),
            "# The configuration this merge used, with model paths made absolute and the random seed recorded.\n"
            + MergeConfigWriter.ToYaml(plan.Config));
        return warnings;
    }
}
