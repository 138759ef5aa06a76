using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Generational;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.Reinsertion;
using EvoMerge.Optimizers.Genetic.Selection;
using EvoMerge.Optimizers.Genetic.State;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// Single-objective real-coded genetic algorithm in ask/tell form. Generation 0 is the initial
/// population; every later generation asks <c>Reinsertion.OffspringCount(N)</c> children, each
/// made by selecting parents, recombining them with probability <c>CrossoverProbability</c> and
/// mutating (operators clamp into the bounds). When the whole generation is told, the reinsertion
/// forms the next population. Failed trials, and completed ones with a non-finite value, get fitness
/// +∞ and so rank behind every success. Ask while candidates are outstanding is an error; they are
/// listed by <see cref="Pending"/>.
/// </summary>
public sealed class GeneticAlgorithm : GenerationalOptimizer
{
    public const string OptimizerName = "ga";
    const int StateVersion = 1;

    readonly int _populationSize;
    readonly double _crossoverProbability;
    readonly ISelection _selection;
    readonly ICrossover _crossover;
    readonly IMutation _mutation;
    readonly IReinsertion _reinsertion;
    List<Chromosome> _initial;
    IReadOnlyList<Individual> _population;

    public GeneticAlgorithm(GeneticAlgorithmOptions options)
        : base(OptimizerName, StateVersion, NotNull(options).Bounds)
    {
        _populationSize = options.PopulationSize;
        _crossoverProbability = options.CrossoverProbability;
        _selection = options.Selection ?? throw new ArgumentNullException(nameof(options.Selection));
        _crossover = options.Crossover ?? throw new ArgumentNullException(nameof(options.Crossover));
        _mutation = options.Mutation ?? new PolynomialMutation(20, 1.0 / Math.Max(1, Bounds.Dimension));
        _reinsertion = options.Reinsertion ?? throw new ArgumentNullException(nameof(options.Reinsertion));
        Termination = options.Termination;
        Validate();
        StartRun(options.Seed, objectives: 1);
        _population = Array.Empty<Individual>();
        _initial = PopulationInitializer.Build(Bounds, _populationSize, options.InitialPopulation, options.Initializer, Rng);
    }

    GeneticAlgorithm(JsonObject state, Func<TimeSpan> clock)
        : base(OptimizerName, StateVersion, state, clock)
    {
        var options = StoredOptions(state);
        _populationSize = StateJson.ReadInt(options, "populationSize");
        _crossoverProbability = StateJson.ReadDouble(options["crossoverProbability"], "options.crossoverProbability");
        _selection = SelectionFactory.Create(OperatorSpec.FromJson(options["selection"]));
        _crossover = CrossoverFactory.Create(OperatorSpec.FromJson(options["crossover"]));
        _mutation = MutationFactory.Create(OperatorSpec.FromJson(options["mutation"]));
        _reinsertion = ReinsertionFactory.Create(OperatorSpec.FromJson(options["reinsertion"]));
        Validate();
        RestoreRun(state, objectives: 1);
        _initial = StateJson.ReadChromosomes(state["initial"], "initial");
        _population = StateJson.RequiredArray(state, "population")
            .Select((n, i) => n is JsonObject o
                ? new Individual(new Chromosome(StateJson.ReadNumbers(o["genes"], $"population[{i}].genes")), StateJson.ReadDouble(o["fitness"], $"population[{i}].fitness"))
                : throw new FormatException("Population entries must be objects."))
            .ToArray();
        if (_population.Any(p => p.Chromosome.Length != Bounds.Dimension) || _initial.Any(c => c.Length != Bounds.Dimension))
            throw new FormatException("A stored genome does not match the dimension of the bounds.");
        if (_population.Count != 0 && _population.Count != _populationSize)
            throw new FormatException($"The stored population has {_population.Count} members, not {_populationSize}.");
    }

    /// <summary>
    /// Rebuilds a GA from <see cref="GenerationalOptimizer.ExportState"/>. Operators come from their descriptions. A time
    /// termination reads <paramref name="clock"/> (default: a stopwatch started now).
    /// </summary>
    public static GeneticAlgorithm Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    static GeneticAlgorithmOptions NotNull(GeneticAlgorithmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    void Validate()
    {
        ValidateBounds();
        if (_populationSize < 2) throw new ArgumentOutOfRangeException("PopulationSize", _populationSize, "A genetic algorithm needs a population of at least 2.");
        if (!(_crossoverProbability >= 0 && _crossoverProbability <= 1))
            throw new ArgumentOutOfRangeException("CrossoverProbability", _crossoverProbability, "The crossover probability must lie in [0, 1].");
        _reinsertion.OffspringCount(_populationSize); // throws when, e.g., elites leave no room for children
        if (_selection is TournamentSelection t && t.Size > _populationSize)
            throw new ArgumentException($"Tournament size {t.Size} exceeds the population size {_populationSize}.");
    }

    /// <summary>The current population (empty until generation 0 has been told completely).</summary>
    public IReadOnlyList<Individual> Population => _population;

    private protected override IReadOnlyList<Chromosome> NextGenomes()
    {
        if (_population.Count != 0) return Breed(_reinsertion.OffspringCount(_populationSize));
        var initial = _initial;
        _initial = new List<Chromosome>();
        return initial;
    }

    List<Chromosome> Breed(int count)
    {
        var children = new List<Chromosome>(count);
        while (children.Count < count)
        {
            var parents = _selection.Select(_population, _crossover.ParentsNumber, Rng).Select(p => p.Chromosome).ToArray();
            IReadOnlyList<Chromosome> offspring = Rng.NextDouble() < _crossoverProbability
                ? _crossover.Cross(parents, Bounds, Rng)
                : parents;
            foreach (var child in offspring)
                if (children.Count < count) children.Add(_mutation.Mutate(child, Bounds, Rng));
        }
        return children;
    }

    private protected override void OnBatchTold(IReadOnlyList<(Chromosome Genes, double[]? Objectives)> told)
    {
        var offspring = told
            .Select(r => r.Objectives is null ? Individual.Failed(r.Genes) : new Individual(r.Genes, r.Objectives[0]))
            .ToArray();
        _population = _population.Count == 0 ? offspring : _reinsertion.Reinsert(_population, offspring, _populationSize);
    }

    private protected override void WriteOptions(JsonObject options)
    {
        options["populationSize"] = _populationSize;
        options["crossoverProbability"] = StateJson.Number(_crossoverProbability);
        options["selection"] = _selection.Describe().ToJson();
        options["crossover"] = _crossover.Describe().ToJson();
        options["mutation"] = _mutation.Describe().ToJson();
        options["reinsertion"] = _reinsertion.Describe().ToJson();
    }

    private protected override void WriteState(JsonObject state)
    {
        state["initial"] = StateJson.WriteChromosomes(_initial);
        state["population"] = new JsonArray(_population.Select(p => (JsonNode)new JsonObject
        {
            ["genes"] = StateJson.Numbers(p.Chromosome.Genes),
            ["fitness"] = StateJson.Number(p.Fitness),
        }).ToArray());
    }
}
