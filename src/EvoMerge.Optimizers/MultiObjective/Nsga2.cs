using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.State;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.MultiObjective;

/// <summary>
/// NSGA-II (Deb et al. 2002) in ask/tell form, minimizing every objective. Generation 0 is the
/// initial population; afterwards each generation asks μ offspring made by crowded binary
/// tournaments, crossover (SBX by default) and mutation (polynomial by default), and the next
/// population is the (μ + λ) environmental selection of parents and offspring. Failed trials, and
/// completed ones with a non-finite objective, are dominated by every completed trial (see
/// <see cref="EnvironmentalSelection"/>). <see cref="Best"/> is the best on objective 0.
/// </summary>
public sealed class Nsga2 : IAskTellOptimizer
{
    public const string OptimizerName = "nsga2";
    const int StateVersion = 1;

    readonly Bounds _bounds;
    readonly int _objectives;
    readonly int _populationSize;
    readonly double _crossoverProbability;
    readonly ICrossover _crossover;
    readonly IMutation _mutation;
    readonly ITermination? _termination;
    readonly Rng _rng;
    readonly RunProgress _progress;
    readonly PendingBatch _batch;
    List<Chromosome> _initial;
    Nsga2Individual[] _population;
    long _nextId;

    public Nsga2(Nsga2Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Bounds, nameof(options.Bounds));
        _bounds = options.Bounds;
        _objectives = options.Objectives;
        _populationSize = options.PopulationSize;
        _crossoverProbability = options.CrossoverProbability;
        _crossover = options.Crossover ?? throw new ArgumentNullException(nameof(options.Crossover));
        _mutation = options.Mutation ?? new PolynomialMutation(20, 1.0 / Math.Max(1, _bounds.Dimension));
        _termination = options.Termination;
        Validate();
        _rng = new Rng(options.Seed);
        _progress = new RunProgress();
        _batch = new PendingBatch(_objectives);
        _population = Array.Empty<Nsga2Individual>();
        _initial = PopulationInitializer.Build(_bounds, _populationSize, options.InitialPopulation, options.Initializer, _rng);
    }

    Nsga2(JsonObject state, Func<TimeSpan> clock)
    {
        StateJson.ExpectHeader(state, OptimizerName, StateVersion);
        var options = StateJson.RequiredObject(state, "options");
        _bounds = StateJson.ReadBounds(options["bounds"]);
        _objectives = StateJson.ReadInt(options, "objectives");
        _populationSize = StateJson.ReadInt(options, "populationSize");
        _crossoverProbability = StateJson.ReadDouble(options["crossoverProbability"], "options.crossoverProbability");
        _crossover = CrossoverFactory.Create(OperatorSpec.FromJson(options["crossover"]));
        _mutation = MutationFactory.Create(OperatorSpec.FromJson(options["mutation"]));
        _termination = TerminationFactory.Restore(options["termination"], clock);
        Validate();
        _rng = StateJson.ReadRng(state["rng"]);
        _nextId = StateJson.ReadLong(state, "nextId");
        _progress = RunProgress.FromJson(state["progress"]);
        _initial = StateJson.ReadChromosomes(state["initial"], "initial");
        _population = StateJson.RequiredArray(state, "population")
            .Select((n, i) => ReadMember(n as JsonObject ?? throw new FormatException("Population entries must be objects."), i))
            .ToArray();
        _batch = PendingBatch.FromJson(state["batch"], _objectives);
        if (_initial.Any(c => c.Length != _bounds.Dimension))
            throw new FormatException("A stored genome does not match the dimension of the bounds.");
        if (_population.Length != 0 && _population.Length != _populationSize)
            throw new FormatException($"The stored population has {_population.Length} members, not {_populationSize}.");
    }

    Nsga2Individual ReadMember(JsonObject o, int i)
    {
        var genes = new Chromosome(StateJson.ReadNumbers(o["genes"], $"population[{i}].genes"));
        if (genes.Length != _bounds.Dimension) throw new FormatException($"population[{i}] does not match the dimension of the bounds.");
        var objectives = o["objectives"] is null ? null : StateJson.ReadNumbers(o["objectives"], $"population[{i}].objectives");
        if (objectives is not null && objectives.Length != _objectives)
            throw new FormatException($"population[{i}] has {objectives.Length} objectives, expected {_objectives}.");
        return new Nsga2Individual(genes, objectives, StateJson.ReadInt(o, "rank"), StateJson.ReadDouble(o["crowding"], $"population[{i}].crowding"));
    }

    /// <summary>Rebuilds from <see cref="ExportState"/>; a time termination reads <paramref name="clock"/> (default: a stopwatch started now).</summary>
    public static Nsga2 Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    void Validate()
    {
        if (_bounds.Dimension < 1) throw new ArgumentException("The bounds need at least one gene.");
        if (_objectives < 1) throw new ArgumentOutOfRangeException("Objectives", _objectives, "At least one objective is needed.");
        if (_populationSize < 2) throw new ArgumentOutOfRangeException("PopulationSize", _populationSize, "NSGA-II needs a population of at least 2.");
        if (!(_crossoverProbability >= 0 && _crossoverProbability <= 1))
            throw new ArgumentOutOfRangeException("CrossoverProbability", _crossoverProbability, "The crossover probability must lie in [0, 1].");
    }

    public string Name => OptimizerName;

    public int Dimension => _bounds.Dimension;

    public int Objectives => _objectives;

    /// <summary>Completed generations.</summary>
    public int Generation => _progress.Generations;

    /// <summary>The current population with ranks and crowding distances (empty until generation 0 is told).</summary>
    public IReadOnlyList<Nsga2Individual> Population => _population;

    /// <summary>The completed members of the current population's first front.</summary>
    public IReadOnlyList<Nsga2Individual> CurrentFront => _population.Where(p => p.Rank == 0 && !p.IsFailed).ToArray();

    /// <summary>Candidates asked but not yet told.</summary>
    public IReadOnlyList<Candidate> Pending => _batch.Outstanding;

    public (double[] Genes, double Value)? Best => _progress.Best;

    public IReadOnlyList<Candidate> Ask()
    {
        if (_batch.IsOpen)
            throw new InvalidOperationException($"{_batch.OutstandingCount} candidate(s) of this generation are still awaiting Tell (see Pending).");
        IReadOnlyList<Chromosome> genomes;
        if (_population.Length == 0)
        {
            genomes = _initial;
            _initial = new List<Chromosome>();
        }
        else
        {
            genomes = Breed(_populationSize);
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
            var parents = new Chromosome[_crossover.ParentsNumber];
            for (int i = 0; i < parents.Length; i++) parents[i] = CrowdedTournament.Pick(_population, _rng).Chromosome;
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
        var offspring = _batch.Close();
        var combined = _population.Select(p => (p.Chromosome, p.Objectives?.ToArray())).Concat(offspring).ToArray();
        _population = EnvironmentalSelection.Survivors(combined, _populationSize);
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
            ["objectives"] = _objectives,
            ["populationSize"] = _populationSize,
            ["crossoverProbability"] = StateJson.Number(_crossoverProbability),
            ["crossover"] = _crossover.Describe().ToJson(),
            ["mutation"] = _mutation.Describe().ToJson(),
            ["termination"] = _termination?.Describe().ToJson(),
        },
        ["rng"] = StateJson.WriteRng(_rng.State),
        ["nextId"] = _nextId,
        ["progress"] = _progress.ToJson(),
        ["initial"] = StateJson.WriteChromosomes(_initial),
        ["population"] = new JsonArray(_population.Select(p => (JsonNode)new JsonObject
        {
            ["genes"] = StateJson.Numbers(p.Chromosome.Genes),
            ["objectives"] = p.Objectives is null ? null : StateJson.Numbers(p.Objectives.ToArray()),
            ["rank"] = p.Rank,
            ["crowding"] = StateJson.Number(p.Crowding),
        }).ToArray()),
        ["batch"] = _batch.ToJson(),
    };
}
