using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.Reinsertion;
using EvoMerge.Optimizers.Genetic.Selection;
using EvoMerge.Optimizers.Genetic.Termination;
using Xunit.Abstractions;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class GeneticAlgorithmTests(ITestOutputHelper output)
{
    static double Sphere(double[] x) => x.Select((v, i) => (v - 0.1 * i) * (v - 0.1 * i)).Sum();

    static GeneticAlgorithmOptions Options(int dimension = 4, ulong seed = 1) =>
        new() { Bounds = Bounds.Uniform(dimension, -5, 5), PopulationSize = 10, Seed = seed };

    static void Generation(GeneticAlgorithm ga, Func<double[], double> f)
    {
        var batch = ga.Ask();
        ga.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { f(c.Genes) })).ToList());
    }

    static JsonObject ThroughText(JsonObject state) => (JsonObject)JsonNode.Parse(state.ToJsonString())!;

    [Fact]
    public void Converges_on_a_shifted_sphere_for_every_operator_family_member()
    {
        var setups = new (ISelection Selection, ICrossover Crossover, IMutation Mutation)[]
        {
            (new TournamentSelection(3), new SimulatedBinaryCrossover(), new PolynomialMutation(20, 0.2)),
            (new RouletteWheelSelection(), new BlendCrossover(0.5), new GaussianMutation(0.02, 0.2)),
            (new RankSelection(), new UniformCrossover(), new GaussianMutation(0.02, 0.2)),
            (new TournamentSelection(2), new OnePointCrossover(), new PolynomialMutation(20, 0.2)),
            (new TournamentSelection(2), new TwoPointCrossover(), new UniformMutation(0.05)),
        };
        foreach (var (selection, crossover, mutation) in setups)
        {
            var ga = new GeneticAlgorithm(new GeneticAlgorithmOptions
            {
                Bounds = Bounds.Uniform(5, -5, 5), PopulationSize = 30, Seed = 2,
                Selection = selection, Crossover = crossover, Mutation = mutation, Reinsertion = new ElitistReinsertion(2),
            });
            Generation(ga, Sphere);
            double start = ga.Best!.Value.Value;
            for (int g = 0; g < 80; g++) Generation(ga, Sphere);
            double end = ga.Best!.Value.Value;
            output.WriteLine($"{selection.Describe()} {crossover.Describe()} {mutation.Describe()}: best {start:G4} -> {end:G4}");
            Assert.True(end < 0.1 && end < start / 50,
                $"{selection.Describe()} {crossover.Describe()} {mutation.Describe()}: best {start} → {end}");
        }
    }

    [Fact]
    public void Elitism_never_lets_the_population_best_get_worse()
    {
        var ga = new GeneticAlgorithm(Options() with { Reinsertion = new ElitistReinsertion(1), Mutation = new UniformMutation(0.5) });
        double previous = double.PositiveInfinity;
        for (int g = 0; g < 30; g++)
        {
            Generation(ga, Sphere);
            double best = ga.Population.Min(i => i.Fitness);
            Assert.True(best <= previous);
            previous = best;
        }
    }

    [Fact]
    public void Generational_reinsertion_asks_a_whole_population_and_elitist_the_rest()
    {
        var generational = new GeneticAlgorithm(Options() with { Reinsertion = new GenerationalReinsertion() });
        Generation(generational, Sphere);
        Assert.Equal(10, generational.Ask().Count);
        var elitist = new GeneticAlgorithm(Options() with { Reinsertion = new ElitistReinsertion(3) });
        Generation(elitist, Sphere);
        Assert.Equal(7, elitist.Ask().Count);
    }

    [Fact]
    public void Initial_population_comes_first_then_the_initializer_fills_up()
    {
        var given = new[] { new[] { 1.0, 2, 3, 4 }, new[] { -5.0, 5, 0, 0 } };
        var ga = new GeneticAlgorithm(Options() with { InitialPopulation = given, Initializer = _ => new[] { 0.5, 0.5, 0.5, 0.5 } });
        var first = ga.Ask();
        Assert.Equal(10, first.Count);
        Assert.Equal(given[0], first[0].Genes);
        Assert.Equal(given[1], first[1].Genes);
        Assert.All(first.Skip(2), c => Assert.Equal(new[] { 0.5, 0.5, 0.5, 0.5 }, c.Genes));

        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { InitialPopulation = new[] { new[] { 9.0, 0, 0, 0 } } }));
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { InitialPopulation = new[] { new[] { 0.0 } } }));
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { InitialPopulation = Enumerable.Repeat(new double[4], 11).ToArray() }));
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { Initializer = _ => new[] { 6.0, 0, 0, 0 } }));
    }

    [Fact]
    public void Handed_out_genes_are_copies()
    {
        var ga = new GeneticAlgorithm(Options());
        var batch = ga.Ask();
        var kept = batch[0].Genes.ToArray();
        batch[0].Genes[0] = 1e9; // a careless caller
        Assert.Equal(kept, ga.Pending[0].Genes);
    }

    [Fact]
    public void Failed_and_non_finite_trials_rank_last_and_never_become_best()
    {
        var ga = new GeneticAlgorithm(Options());
        var batch = ga.Ask();
        ga.Tell(batch.Select((c, i) => i switch
        {
            0 => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { 3.0 }),
            1 => TrialOutcome.Success(c.Id, new[] { double.NaN }),
            2 => TrialOutcome.Success(c.Id, new[] { double.NegativeInfinity }),
            _ => TrialOutcome.Failure(c.Id, "crashed"),
        }).ToList());
        Assert.Equal(3.0, ga.Best!.Value.Value);
        Assert.Equal(1, ga.Population.Count(i => !i.IsFailed));
        Assert.Equal(batch[0].Genes, FitnessOrder.BestFirst(ga.Population).Select(i => ga.Population[i]).First().Chromosome.ToArray());
    }

    [Fact]
    public void Ask_while_candidates_are_outstanding_is_an_error_and_wrong_objective_counts_are_rejected()
    {
        var ga = new GeneticAlgorithm(Options());
        var batch = ga.Ask();
        Assert.Throws<InvalidOperationException>(() => ga.Ask());
        Assert.Throws<ArgumentException>(() => ga.Tell(new[] { TrialOutcome.Success(batch[0].Id, new[] { 1.0, 2.0 }) }));
        // A rejected Tell changes nothing: the valid first outcome of that call was not recorded either.
        Assert.Throws<ArgumentException>(() => ga.Tell(new[] { TrialOutcome.Success(batch[0].Id, new[] { 1.0 }), TrialOutcome.Success(-1, new[] { 1.0 }) }));
        Assert.Equal(10, ga.Pending.Count);
        ga.Tell(batch.Take(4).Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { 1.0 })).ToList());
        Assert.Equal(batch.Skip(4).Select(c => c.Id), ga.Pending.Select(c => c.Id));
    }

    [Fact]
    public void Outcome_order_within_a_generation_does_not_matter()
    {
        var a = new GeneticAlgorithm(Options(seed: 9));
        var b = new GeneticAlgorithm(Options(seed: 9));
        for (int g = 0; g < 4; g++)
        {
            var ba = a.Ask();
            var bb = b.Ask();
            a.Tell(ba.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { Sphere(c.Genes) })).ToList());
            b.Tell(bb.Reverse().Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { Sphere(c.Genes) })).ToList());
        }
        Assert.Equal(a.ExportState().ToJsonString(), b.ExportState().ToJsonString());
    }

    [Fact]
    public void Terminations_report_their_reasons()
    {
        var ga = new GeneticAlgorithm(Options() with
        {
            Termination = new OrTermination(new GenerationsTermination(3), new FitnessThresholdTermination(-1), new StagnationTermination(2)),
        });
        Assert.Empty(ga.Stop());
        Generation(ga, _ => 1.0);
        Assert.Empty(ga.Stop());
        Generation(ga, _ => 1.0); // no improvement: stagnant 1
        Assert.Empty(ga.Stop());
        Generation(ga, _ => 1.0); // stagnant 2 and 3 generations done
        Assert.Equal(new HashSet<StopReason> { StopReason.GenerationBudget, StopReason.Stagnation }, ga.Stop().ToHashSet());

        var target = new GeneticAlgorithm(Options() with { Termination = new FitnessThresholdTermination(0.5) });
        var batch = target.Ask();
        target.Tell(new[] { TrialOutcome.Success(batch[0].Id, new[] { 0.25 }) }); // mid-generation
        Assert.Equal(new[] { StopReason.TargetReached }, target.Stop());
    }

    [Fact]
    public void Evaluation_budget_counts_failures_too()
    {
        var ga = new GeneticAlgorithm(Options() with { Termination = new EvaluationsTermination(15) });
        var batch = ga.Ask();
        ga.Tell(batch.Select(c => (TrialOutcome)TrialOutcome.Failure(c.Id, "x")).ToList());
        Assert.Empty(ga.Stop());
        var next = ga.Ask();
        ga.Tell(next.Take(5).Select(c => (TrialOutcome)TrialOutcome.Failure(c.Id, "x")).ToList());
        Assert.Equal(new[] { StopReason.EvaluationBudget }, ga.Stop());
    }

    [Fact]
    public void Invalid_options_are_rejected_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithm(Options() with { PopulationSize = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneticAlgorithm(Options() with { CrossoverProbability = 1.5 }));
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { Reinsertion = new ElitistReinsertion(10) }));
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm(Options() with { Selection = new TournamentSelection(11) }));
    }

    [Fact]
    public void State_round_trips_awkward_doubles_bit_for_bit()
    {
        double[] awkward = { -0.0, double.Epsilon, 0.1 + 0.2, 5.0, -4.999999999999999, 1.0 / 3, 2.2250738585072014E-308, -1e-300 };
        var options = new GeneticAlgorithmOptions
        {
            Bounds = new Bounds(Enumerable.Repeat(-5.0, 8).ToArray(), Enumerable.Repeat(5.0, 8).ToArray()),
            PopulationSize = 4,
            Seed = 3,
            CrossoverProbability = 0.7 + 0.1,
            Mutation = new GaussianMutation(1.0 / 3, 1.0 / 7),
            InitialPopulation = new[] { awkward },
        };
        var ga = new GeneticAlgorithm(options);
        var restored = GeneticAlgorithm.Restore(ThroughText(ga.ExportState()));
        var x = ga.Ask();
        var y = restored.Ask();
        Assert.Equal(Bits(awkward), Bits(y[0].Genes));
        Assert.Equal(x.SelectMany(c => Bits(c.Genes)), y.SelectMany(c => Bits(c.Genes)));
        Assert.Equal(ga.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
    }

    [Fact]
    public void Restore_after_failures_continues_identically()
    {
        var ga = new GeneticAlgorithm(Options(seed: 21));
        for (int g = 0; g < 3; g++)
        {
            var batch = ga.Ask();
            ga.Tell(batch.Select((c, i) => i % 3 == 0 ? (TrialOutcome)TrialOutcome.Failure(c.Id, "x") : TrialOutcome.Success(c.Id, new[] { Sphere(c.Genes) })).ToList());
        }
        var state = ga.ExportState();
        Assert.Contains("\"Infinity\"", state.ToJsonString()); // failed individuals' fitness
        var restored = GeneticAlgorithm.Restore(ThroughText(state));
        for (int g = 0; g < 3; g++)
        {
            var a = ga.Ask();
            var b = restored.Ask();
            Assert.Equal(a.SelectMany(c => Bits(c.Genes)), b.SelectMany(c => Bits(c.Genes)));
            ga.Tell(a.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { Sphere(c.Genes) })).ToList());
            restored.Tell(b.Select(c => (TrialOutcome)TrialOutcome.Success(c.Id, new[] { Sphere(c.Genes) })).ToList());
        }
        Assert.Equal(ga.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
    }

    [Fact]
    public void Restore_rebuilds_every_operator_and_uses_the_given_clock()
    {
        var options = Options() with
        {
            Selection = new RankSelection(),
            Crossover = new BlendCrossover(0.25),
            Mutation = new UniformMutation(0.3),
            Reinsertion = new GenerationalReinsertion(),
            Termination = new OrTermination(new TimeTermination(TimeSpan.FromSeconds(5), () => TimeSpan.Zero), new GenerationsTermination(100)),
        };
        var ga = new GeneticAlgorithm(options);
        Generation(ga, Sphere);
        var now = TimeSpan.FromSeconds(4);
        var restored = GeneticAlgorithm.Restore(ThroughText(ga.ExportState()), () => now);
        Assert.Equal(ga.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
        Assert.Empty(restored.Stop());
        now = TimeSpan.FromSeconds(6);
        Assert.Equal(new[] { StopReason.TimeBudget }, restored.Stop());
        var options2 = ga.ExportState()["options"]!;
        Assert.Equal("rank", (string?)options2["selection"]!["name"]);
        Assert.Equal("blend", (string?)options2["crossover"]!["name"]);
    }

    [Fact]
    public void Restore_works_from_the_in_memory_state_too()
    {
        var ga = new GeneticAlgorithm(Options(seed: 5));
        Generation(ga, Sphere);
        var restored = GeneticAlgorithm.Restore(ga.ExportState());
        Assert.Equal(ga.ExportState().ToJsonString(), restored.ExportState().ToJsonString());
        Assert.Equal(ga.Ask().SelectMany(c => Bits(c.Genes)), restored.Ask().SelectMany(c => Bits(c.Genes)));
    }

    [Fact]
    public void Restore_rejects_foreign_or_newer_state()
    {
        var state = new GeneticAlgorithm(Options()).ExportState();
        state["optimizer"] = "nsga2";
        Assert.Throws<ArgumentException>(() => GeneticAlgorithm.Restore(state));
        state["optimizer"] = "ga";
        state["version"] = 99;
        Assert.Throws<ArgumentException>(() => GeneticAlgorithm.Restore(state));
        state["version"] = 1;
        state.Remove("rng");
        Assert.ThrowsAny<FormatException>(() => GeneticAlgorithm.Restore(state));
    }

    static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
