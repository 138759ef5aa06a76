using System.CommandLine;
using EvoMerge.Cli.Commands.Demo;
using EvoMerge.Cli.Terminal;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// `evomerge demo`: the embedded default, the digits search (see <see cref="DigitsSearchDemo"/>).
/// `evomerge demo merge`: generates a tiny Llama-shaped base model and three experts (seeded), then merges
/// them with configs/demo-merge.yml.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = DigitsSearchDemo.Create();
        command.Subcommands.Add(MergeDemo());
        return command;
    }

    static Command MergeDemo()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the demo's models and merge (default: results/demo under the repository)." };
        var command = new Command("merge", "Generate tiny Llama-shaped models and merge them with configs/demo-merge.yml.") { output };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string root = RepositoryPaths.Root();
            string demo = parse.GetValue(output)?.FullName ?? Path.Combine(RepositoryPaths.Results(), "demo");
            string models = Path.Combine(demo, "models");
            var shape = new TinyLlamaShape(Hidden: 64, Intermediate: 128, Layers: 4, Vocab: 256);
            Console.WriteLine($"Generating tiny models in {models} ...");
            WriteModel(Path.Combine(models, "base"), shape, null);
            WriteModel(Path.Combine(models, "expert_a"), shape, 101);
            WriteModel(Path.Combine(models, "expert_b"), shape, 102);
            WriteModel(Path.Combine(models, "expert_c"), shape, 103);

            string configPath = Path.Combine(root, "configs", "demo-merge.yml");
            Console.WriteLine($"Merging with {configPath} (model paths relative to {demo}) ...");
            var config = MergeConfigParser.ParseFile(configPath, demo);
            string outDir = Path.Combine(demo, "merged");
            var options = new MergeJobOptions { Overwrite = true };
            var plan = MergeJob.Prepare(config, outDir, options);
            var result = MergeProgressDisplay.Run("merging", p => MergeJob.Run(plan, outDir, options, p));
            Console.WriteLine($"Merged {result.Tensors} tensors with {plan.Method.Name} in {result.Elapsed.TotalSeconds:F2} s: {string.Join(", ", result.Files)}");
            Console.WriteLine(result.OutputDirectory);
            return ExitCodes.Success;
        }));
        return command;
    }

    static void WriteModel(string folder, TinyLlamaShape shape, ulong? expertSeed)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        TinyLlamaCheckpoints.Write(folder, shape, baseSeed: 7, expertSeed: expertSeed);
    }
}
