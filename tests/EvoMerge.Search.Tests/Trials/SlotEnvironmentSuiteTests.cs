using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;
using EvoMerge.Search.Yaml;

namespace EvoMerge.Search.Tests.Trials;

/// <summary>
/// A farm slot's evaluator opens its race slices and IRT anchor suites later than the full fitness tasks:
/// they must run on the same device with the same command environment (the slot's GPU or share of threads).
/// </summary>
public sealed class SlotEnvironmentSuiteTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>The task's own kind, recording what every opening of the task was given.</summary>
    sealed class RecordingKind(TaskKind inner) : TaskKind
    {
        public List<TaskOpening> Openings { get; } = [];
        public override string Name => inner.Name;
        public override TaskKindCapabilities Capabilities => inner.Capabilities;
        public override IReadOnlyList<string> Fields => inner.Fields;
        public override bool NeedsData => inner.NeedsData;
        internal override object? Read(TaskReading reading) => inner.Read(reading);
        public override IReadOnlyList<TaskField> Write(object settings) => inner.Write(settings);
        public override IEnumerable<string?> InputFiles(object settings) => inner.InputFiles(settings);

        public override TaskEvaluator Open(TaskOpening opening)
        {
            lock (Openings) Openings.Add(opening);
            return inner.Open(opening);
        }
    }

    [Fact]
    public void Race_slices_and_anchor_suites_open_with_the_slots_environment_and_device()
    {
        var parsed = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 4), _fixture.Folder);
        var kind = new RecordingKind(parsed.Tasks[0].Kind);
        var config = parsed with { Tasks = [parsed.Tasks[0] with { Kind = kind }, .. parsed.Tasks.Skip(1)] };
        var slot = new Dictionary<string, string>(StringComparer.Ordinal) { ["OMP_NUM_THREADS"] = "3", ["MKL_NUM_THREADS"] = "3" };

        using (var evaluator = TrialEvaluator.Open(config, _fixture.Folder, null, slot))
        {
            var request = new TrialRequest("run-0123456789abcdef", evaluator.ConfigHash, 0, 0, new double[evaluator.Space.GeneNames.Count], 1);
            using (evaluator.Prepare(request with { Slice = new FitnessSlice(0, 2) }, null, CancellationToken.None)) { }
            int[][] anchors = [.. evaluator.Fitness.Tasks.Select(_ => new[] { 0, 1 })];
            using (evaluator.Prepare(request with { TrialId = 1, Anchors = anchors }, null, CancellationToken.None)) { }
        }

        Assert.Equal(3, kind.Openings.Count);
        Assert.All(kind.Openings, opening => Assert.Same(slot, opening.CommandEnvironment));
        Assert.All(kind.Openings, opening => Assert.Equal(config.Device, opening.Device));
        Assert.Equal((0, 2, null), (kind.Openings[1].Subset!.From, kind.Openings[1].Subset!.Size, kind.Openings[1].Subset!.Picks));
        Assert.Equal([0, 1], kind.Openings[2].Subset!.Picks!);
    }
}
