using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
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
public sealed class GeneticAlgorithm : IAskTellOptimizer
{
    public const string OptimizerName = "ga";
    const int StateVersion = 1;

    readonly Bounds _bounds;
    readonly int _populationSize;
    readonly double _crossoverProbability;
    readonly ISelection _selection;
    readonly ICrossover _crossover;
    readonly IMutation _mutation;
    readonly IReinsertion _reinsertion;
    readonly ITermination? _termination;
    readonly Rng _rng;
    readonly RunProgress _progress;
    readonly PendingBatch _batch;
    List<Chromosome> _initial;
    IReadOnlyList<Individual> _population;
    long _nextId;

    public GeneticAlgorithm(GeneticAlgorithmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Bounds, nameof(options.Bounds));
        _bounds = options.Bounds;
        _populationSize = options.PopulationSize;
        _crossoverProbability = options.CrossoverProbability;
        _selection = options.Selection ?? throw new ArgumentNullException(nameof(options.Selection));
        _crossover = options.Crossover ?? throw new ArgumentNullException(nameof(options.Crossover));
        _mutation = options.Mutation ?? new PolynomialMutation(20, 1.0 / Math.Max(1, _bounds.Dimension));
        _reinsertion = options.Reinsertion ?? throw new ArgumentNullException(nameof(options.Reinsertion));
        _termination = options.Termination;
        Validate();
        _rng = new Rng(options.Seed);
        _progress = new RunProgress();
        _batch = new PendingBatch(objectives: 1);
        _population = Array.Empty<Individual>();
        _initial = PopulationInitializer.Build(_bounds, _populationSize, options.InitialPopulation, options.Initializer, _rng);
    }

    GeneticAlgorithm(JsonObject state, Func<TimeSpan> clock)
    {
        StateJson.ExpectHeader(state, OptimizerName, StateVersion);
        var options = StateJson.RequiredObject(state, "options");
        _bounds = StateJson.ReadBounds(options["bounds"]);
        _populationSize = StateJson.ReadInt(options, "populationSize");
        _crossoverProbability = StateJson.ReadDouble(options["crossoverProbability"], "options.crossoverProbability");
        _selection = SelectionFactory.Create(OperatorSpec.FromJson(options["selection"]));
        _crossover = CrossoverFactory.Create(OperatorSpec.FromJson(options["crossover"]));
        _mutation = MutationFactory.Create(OperatorSpec.FromJson(options["mutation"]));
        _reinsertion = ReinsertionFactory.Create(OperatorSpec.FromJson(options["reinsertion"]));
        _termination = TerminationFactory.Restore(options["termination"], clock);
        Validate();
        _rng = StateJson.ReadRng(state["rng"]);
        _nextId = StateJson.ReadLong(state, "nextId");
        _progress = RunProgress.FromJson(state["progress"]);
        _initial = StateJson.ReadChromosomes(state["initial"], "initial");
        _population = StateJson.RequiredArray(state, "population")
            .Select((n, i) => n is JsonObject o
                ? new Individual(new Chromosome(StateJson.ReadNumbers(o["genes"], $"population[{i}].genes")), StateJson.ReadDouble(o["fitness"], $"population[{i}].fitness"))
                : throw new FormatException("Population entries must be objects."))
            .ToArray();
        _batch = PendingBatch.FromJson(state["batch"], objectives: 1);
        if (_population.Any(p => p.Chromosome.Length != _bounds.Dimension) || _initial.Any(c => c.Length != _bounds.Dimension))
            throw new FormatException("A stored genome does not match the dimension of the bounds.");
        if (_population.Count != 0 && _population.Count != _populationSize)
            throw new FormatException($"The stored population has {_population.Count} members, not {_populationSize}.");
    }

    /// <summary>
    /// Rebuilds a GA from <see cref="ExportState"/>. Operators come from their descriptions. A time
    /// termination reads <paramref name="clock"/> (default: a stopwatch started now).
    /// </summary>
    public static GeneticAlgorithm Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    void Validate()
    {
        if (_bounds.Dimension < 1) throw new ArgumentException("The bounds need at least one gene.");
        if (_populationSize < 2) throw new ArgumentOutOfRangeException("PopulationSize", _populationSize, "A genetic algorithm needs a population of at least 2.");
        if (!(_crossoverProbability >= 0 && _crossoverProbability <= 1))
            throw new ArgumentOutOfRangeException("CrossoverProbability", _crossoverProbability, "The crossover probability must lie in [0, 1].");
        _reinsertion.OffspringCount(_populationSize); // throws when, e.g., elites leave no room for children
        if (_selection is TournamentSelection t && t.Size > _populationSize)
            throw new ArgumentException($"Tournament size {t.Size} exceeds the population size {_populationSize}.");
    }

    public string Name => OptimizerName;

    public int Dimension => _bounds.Dimension;

    /// <summary>Completed generations.</summary>
    public int Generation => _progress.Generations;

    /// <summary>The current population (empty until generation 0 has been told completely).</summary>
    public IReadOnlyList<Individual> Population => _population;

    /// <summary>Candidates asked but not yet told.</summary>
    public IReadOnlyList<Candidate> Pending => _batch.Outstanding;

    public (double[] Genes, double Value)? Best => _progress.Best;

    public IReadOnlyList<Candidate> Ask()
    {
        if (_batch.IsOpen)
            throw new InvalidOperationException($"{_batch.OutstandingCount} candidate(s) of this generation are still awaiting Tell (see Pending).");
        IReadOnlyList<Chromosome> genomes;
        if (_population.Count == 0)
        {
            genomes = _initial;
            _initial = new List<Chromosome>();
        }
        else
        {
            genomes = Breed(_reinsertion.OffspringCount(_populationSize));
        }
        var issued = genomes.Select(g => (Id: _nextId++, Genes: g)).ToArray();
        _batch.Open(issued);
        return issued.Select(c => new Candidate(c.Id, c.Genes.ToArray())).ToArray();
    }

    List<Chromosome> Breed(int count)
    {
        var children = new List<Chromosome>(count);
        while (children.Count < count)
        {
            var parents = _selection.Select(_population, _crossover.ParentsNumber, _rng).Select(p => p.Chromosome).ToArray();
            IReadOnlyList<Chromosome> offspring = _rng.NextDouble() < _crossoverProbability
                ? _crossover.Cross(parents, _bounds, _rng)
                : parents;
            foreach (var child in offspring)
                if (children.Count < count) children.Add(_mutation.Mutate(child, _bounds, _rng));
        }
        return children;
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        foreach (var (genes, objectives) in _batch.Accept(outcomes)) _progress.Record(genes, objectives);
        if (!_batch.IsComplete) return;
        var offspring = _batch.Close()
            .Select(r => r.Objectives is null ? Individual.Failed(r.Genes) : new Individual(r.Genes, r.Objectives[0]))
            .ToArray();
        _population = _population.Count == 0 ? offspring : _reinsertion.Reinsert(_population, offspring, _populationSize);
        _progress.CompleteGeneration();
    }

    public IReadOnlySet<StopReason> Stop() => _termination?.Check(_progress.Snapshot()) ?? new HashSet<StopReason>();

    public JsonObject ExportState() => new()
    {
        ["optimizer"] = OptimizerName,
        ["version"] = StateVersion,
        ["options"] = new JsonObject
        {
            ["bounds"] = StateJson.WriteBounds(_bounds),
            ["populationSize"] = _populationSize,
            ["crossoverProbability"] = StateJson.Number(_crossoverProbability),
            ["selection"] = _selection.Describe().ToJson(),
            ["crossover"] = _crossover.Describe().ToJson(),
            ["mutation"] = _mutation.Describe().ToJson(),
            ["reinsertion"] = _reinsertion.Describe().ToJson(),
            ["termination"] = _termination?.Describe().ToJson(),
        },
        ["rng"] = StateJson.WriteRng(_rng.State),
        ["nextId"] = _nextId,
        ["progress"] = _progress.ToJson(),
        ["initial"] = StateJson.WriteChromosomes(_initial),
        ["population"] = new JsonArray(_population.Select(p => (JsonNode)new JsonObject
        {
            ["genes"] = StateJson.Numbers(p.Chromosome.Genes),
            ["fitness"] = StateJson.Number(p.Fitness),
        }).ToArray()),
        ["batch"] = _batch.ToJson(),
    };
}
