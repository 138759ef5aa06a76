using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Generational;
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
public sealed class Nsga2 : GenerationalOptimizer
{
    public const string OptimizerName = "nsga2";
    const int StateVersion = 1;

    readonly int _objectives;
    readonly int _populationSize;
    readonly double _crossoverProbability;
    readonly ICrossover _crossover;
    readonly IMutation _mutation;
    List<Chromosome> _initial;
    Nsga2Individual[] _population;

    public Nsga2(Nsga2Options options)
        : base(OptimizerName, StateVersion, NotNull(options).Bounds)
    {
        _objectives = options.Objectives;
        _populationSize = options.PopulationSize;
        _crossoverProbability = options.CrossoverProbability;
        _crossover = options.Crossover ?? throw new ArgumentNullException(nameof(options.Crossover));
        _mutation = options.Mutation ?? new PolynomialMutation(20, 1.0 / Math.Max(1, Bounds.Dimension));
        Termination = options.Termination;
        Validate();
        StartRun(options.Seed, _objectives);
        _population = Array.Empty<Nsga2Individual>();
        _initial = PopulationInitializer.Build(Bounds, _populationSize, options.InitialPopulation, options.Initializer, Rng);
    }

    Nsga2(JsonObject state, Func<TimeSpan> clock)
        : base(OptimizerName, StateVersion, state, clock)
    {
        var options = StoredOptions(state);
        _objectives = StateJson.ReadInt(options, "objectives");
        _populationSize = StateJson.ReadInt(options, "populationSize");
        _crossoverProbability = StateJson.ReadDouble(options["crossoverProbability"], "options.crossoverProbability");
        _crossover = CrossoverFactory.Create(OperatorSpec.FromJson(options["crossover"]));
        _mutation = MutationFactory.Create(OperatorSpec.FromJson(options["mutation"]));
        Validate();
        RestoreRun(state, _objectives);
        _initial = StateJson.ReadChromosomes(state["initial"], "initial");
        _population = StateJson.RequiredArray(state, "population")
            .Select((n, i) => ReadMember(n as JsonObject ?? throw new FormatException("Population entries must be objects."), i))
            .ToArray();
        if (_initial.Any(c => c.Length != Bounds.Dimension))
            throw new FormatException("A stored genome does not match the dimension of the bounds.");
        if (_population.Length != 0 && _population.Length != _populationSize)
            throw new FormatException($"The stored population has {_population.Length} members, not {_populationSize}.");
    }

    Nsga2Individual ReadMember(JsonObject o, int i)
    {
        var genes = new Chromosome(StateJson.ReadNumbers(o["genes"], $"population[{i}].genes"));
        if (genes.Length != Bounds.Dimension) throw new FormatException($"population[{i}] does not match the dimension of the bounds.");
        var objectives = o["objectives"] is null ? null : StateJson.ReadNumbers(o["objectives"], $"population[{i}].objectives");
        if (objectives is not null && objectives.Length != _objectives)
            throw new FormatException($"population[{i}] has {objectives.Length} objectives, expected {_objectives}.");
        return new Nsga2Individual(genes, objectives, StateJson.ReadInt(o, "rank"), StateJson.ReadDouble(o["crowding"], $"population[{i}].crowding"));
    }

    /// <summary>Rebuilds from <see cref="GenerationalOptimizer.ExportState"/>; a time termination reads <paramref name="clock"/> (default: a stopwatch started now).</summary>
    public static Nsga2 Restore(JsonObject state, Func<TimeSpan>? clock = null) =>
        new(state, clock ?? ElapsedClock.StartNew());

    static Nsga2Options NotNull(Nsga2Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    void Validate()
    {
        ValidateBounds();
        if (_objectives < 1) throw new ArgumentOutOfRangeException("Objectives", _objectives, "At least one objective is needed.");
        if (_populationSize < 2) throw new ArgumentOutOfRangeException("PopulationSize", _populationSize, "NSGA-II needs a population of at least 2.");
        if (!(_crossoverProbability >= 0 && _crossoverProbability <= 1))
            throw new ArgumentOutOfRangeException("CrossoverProbability", _crossoverProbability, "The crossover probability must lie in [0, 1].");
    }

    public int Objectives => _objectives;

    /// <summary>The current population with ranks and crowding distances (empty until generation 0 is told).</summary>
    public IReadOnlyList<Nsga2Individual> Population => _population;

    /// <summary>The completed members of the current population's first front.</summary>
    public IReadOnlyList<Nsga2Individual> CurrentFront => _population.Where(p => p.Rank == 0 && !p.IsFailed).ToArray();

    private protected override IReadOnlyList<Chromosome> NextGenomes()
    {
        if (_population.Length != 0) return Breed(_populationSize);
        var initial = _initial;
        _initial = new List<Chromosome>();
        return initial;
    }

    List<Chromosome> Breed(int count)
    {
        var children = new List<Chromosome>(count);
        while (children.Count < count)
        {
            var parents = new Chromosome[_crossover.ParentsNumber];
            for (int i = 0; i < parents.Length; i++) parents[i] = CrowdedTournament.Pick(_population, Rng).Chromosome;
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
        var combined = _population.Select(p => (p.Chromosome, p.Objectives?.ToArray())).Concat(told).ToArray();
        _population = EnvironmentalSelection.Survivors(combined, _populationSize);
    }

    private protected override void WriteOptions(JsonObject options)
    {
        options["objectives"] = _objectives;
        options["populationSize"] = _populationSize;
        options["crossoverProbability"] = StateJson.Number(_crossoverProbability);
        options["crossover"] = _crossover.Describe().ToJson();
        options["mutation"] = _mutation.Describe().ToJson();
    }

    private protected override void WriteState(JsonObject state)
    {
        state["initial"] = StateJson.WriteChromosomes(_initial);
        state["population"] = new JsonArray(_population.Select(p => (JsonNode)new JsonObject
        {
            ["genes"] = StateJson.Numbers(p.Chromosome.Genes),
            ["objectives"] = p.Objectives is null ? null : StateJson.Numbers(p.Objectives.ToArray()),
            ["rank"] = p.Rank,
            ["crowding"] = StateJson.Number(p.Crowding),
        }).ToArray());
    }
}
