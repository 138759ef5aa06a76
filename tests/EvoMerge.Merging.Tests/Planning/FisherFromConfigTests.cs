using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Tests.Planning;

/// <summary>`fisher_data` in a config: the Fisher of models without a fisher/ checkpoint is estimated at planning time into a cache.</summary>
public sealed class FisherFromConfigTests : IDisposable
{
    readonly TempFolder _dir = new();

    public FisherFromConfigTests()
    {
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), new TinyLlamaShape(), 1, 2);
        TinyLlamaCheckpoints.Write(_dir.Combine("b"), new TinyLlamaShape(), 1, 3);
        File.WriteAllText(_dir.Combine("task.jsonl"), "{\"text\": \"one two\"}\n");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes a Fisher of all <c>Value</c>s with the model's names and shapes, and records each call.</summary>
    sealed class ConstantEstimator(float value) : IFisherEstimator
    {
        public List<(string Model, FisherDataSetting Data, string Folder)> Calls { get; } = [];
        public List<string> Problems { get; } = [];

        public IReadOnlyList<string> FindProblems(string modelFolder, FisherDataSetting data) => Problems;

        public void Estimate(string modelFolder, FisherDataSetting data, string fisherFolder, CancellationToken cancel)
        {
            Calls.Add((modelFolder, data, fisherFolder));
            var header = SafeTensorsCheckpoint.ReadHeaders(modelFolder);
            FisherFiles.WriteFolder(fisherFolder, [.. header.TensorNames.Select(n =>
            {
                var shape = header.Tensors[n].Shape.ToArray();
                return (n, shape, Enumerable.Repeat(value, (int)shape.Aggregate(1L, (x, y) => x * y)).ToArray());
            })]);
        }
    }

    MergeConfig Parse(string yaml) => MergeConfigParser.Parse(yaml, _dir.Path);

    FisherEstimation Estimation(IFisherEstimator estimator) => new(estimator, _dir.Combine("out.fisher"));

    [Fact]
    public void Models_without_fisher_get_it_estimated_into_the_cache_once_and_never_into_their_own_folder()
    {
        const string yaml = """
            merge_method: fisher
            parameters: {fisher_data: task.jsonl, fisher_examples: 1}
            models:
              - model: a
              - model: b
                parameters: {fisher_kind: perplexity}
            """;
        var estimator = new ConstantEstimator(2);
        var plan = MergePlanner.Plan(Parse(yaml), fisherEstimation: Estimation(estimator));

        Assert.Equal(2, estimator.Calls.Count);
        Assert.All(estimator.Calls, c => Assert.StartsWith(_dir.Combine("out.fisher") + Path.DirectorySeparatorChar, c.Folder));
        Assert.All(estimator.Calls, c => Assert.Equal(_dir.Combine("task.jsonl"), c.Data.Data));
        Assert.All(estimator.Calls, c => Assert.Equal(1, c.Data.Examples));
        // b's own field is merged with the global ones.
        Assert.Equal([null, "perplexity"], estimator.Calls.OrderBy(c => c.Model).Select(c => c.Data.Kind));
        Assert.False(Directory.Exists(FisherFiles.Folder(_dir.Combine("a"))));
        Assert.Equal(estimator.Calls.ToDictionary(c => c.Model, c => c.Folder), plan.FisherFolders);

        MergePlanner.Plan(Parse(yaml), fisherEstimation: Estimation(estimator));
        Assert.Equal(2, estimator.Calls.Count);
        // A changed data file is a different estimate.
        File.AppendAllText(_dir.Combine("task.jsonl"), "{\"text\": \"two three\"}\n");
        MergePlanner.Plan(Parse(yaml), fisherEstimation: Estimation(estimator));
        Assert.Equal(4, estimator.Calls.Count);
    }

    [Fact]
    public void A_models_own_fisher_folder_wins_over_the_data()
    {
        new ConstantEstimator(1).Estimate(_dir.Combine("a"), new FisherDataSetting(), FisherFiles.Folder(_dir.Combine("a")), CancellationToken.None);
        var estimator = new ConstantEstimator(2);
        var plan = MergePlanner.Plan(Parse("merge_method: fisher\nparameters: {fisher_data: task.jsonl}\nmodels:\n  - model: a\n  - model: b\n"),
            fisherEstimation: Estimation(estimator));
        Assert.Equal(_dir.Combine("b"), Assert.Single(estimator.Calls).Model);
        Assert.Equal(FisherFiles.Folder(_dir.Combine("a")), plan.FisherFolders[_dir.Combine("a")]);
    }

    [Fact]
    public void Every_problem_names_its_model_and_nothing_is_estimated()
    {
        const string yaml = """
            merge_method: fisher
            models:
              - model: a
              - model: b
                parameters: {fisher_data: missing.jsonl}
            """;
        var estimator = new ConstantEstimator(2);
        var problems = Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(Parse(yaml), fisherEstimation: Estimation(estimator))).Problems;
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith(_dir.Combine("a") + ":", StringComparison.Ordinal) && p.Contains("fisher_data: FILE"));
        Assert.Contains(problems, p => p.StartsWith(_dir.Combine("b") + ":", StringComparison.Ordinal) && p.Contains("missing.jsonl: file not found"));
        Assert.Empty(estimator.Calls);
    }

    [Fact]
    public void The_estimators_problems_are_reported_with_the_model_before_any_estimate()
    {
        var estimator = new ConstantEstimator(2);
        estimator.Problems.Add("fisher_kind 'essay' is not one of multiple_choice, generation, perplexity.");
        var problems = Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(
            Parse("merge_method: fisher\nparameters: {fisher_data: task.jsonl, fisher_kind: essay}\nmodels:\n  - model: a\n  - model: b\n"),
            fisherEstimation: Estimation(estimator))).Problems;
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("fisher_data: fisher_kind 'essay'", p));
        Assert.Empty(estimator.Calls);
    }

    [Fact]
    public void Without_an_estimator_the_data_is_not_enough_and_the_message_says_what_to_run()
    {
        var problems = Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(
            Parse("merge_method: fisher\nparameters: {fisher_data: task.jsonl}\nmodels:\n  - model: a\n  - model: b\n"))).Problems;
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("run `evomerge fisher MODEL --data", p));
    }

    [Fact]
    public void Fisher_fields_are_refused_for_other_methods_and_in_slices_and_when_malformed()
    {
        var linear = Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(
            Parse("merge_method: linear\nparameters: {fisher_data: task.jsonl}\nmodels:\n  - model: a\n  - model: b\n"))).Problems;
        Assert.Contains(linear, p => p.Contains("fisher_* fields are read by merge_method fisher only"));
        var parse = Assert.Throws<MergeConfigException>(() => Parse(
            "merge_method: fisher\nparameters: {fisher_examples: 0, fisher_size: 3, fisher_data: [a, b]}\nmodels:\n  - model: a\n")).Problems;
        Assert.Contains(parse, p => p.Contains("parameters.fisher_examples: '0' is not a whole number >= 1"));
        Assert.Contains(parse, p => p.Contains("parameters.fisher_size: unknown Fisher field"));
        Assert.Contains(parse, p => p.Contains("parameters.fisher_data: expected a single value"));
    }

    [Fact]
    public void The_written_config_keeps_the_fisher_fields()
    {
        var config = Parse("merge_method: fisher\nparameters: {fisher_data: task.jsonl, fisher_examples: 4, fisher_template: \"Q: {prompt}\\nA:\"}\nmodels:\n  - model: a\n    parameters: {weight: 2, fisher_kind: generation}\n");
        var again = Parse(MergeConfigWriter.ToYaml(config, _dir.Path));
        Assert.Equal(config.Parameters.FisherData, again.Parameters.FisherData);
        Assert.Equal("Q: {prompt}\nA:", again.Parameters.FisherData!.Template);
        Assert.Equal(config.Models![0].Parameters.FisherData, again.Models![0].Parameters.FisherData);
        Assert.Equal(2, again.Models[0].Parameters.Evaluate("weight", "x", 0));
    }
}
