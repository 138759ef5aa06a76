using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.MultiObjective;
using EvoMerge.Optimizers.Niching;
using EvoMerge.Optimizers.Random;
using EvoMerge.Optimizers.Restarts;
using EvoMerge.Search.Config;
using EvoMerge.Search.Spaces;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// Builds a run's optimizer from the config and the genome, or restores it from a snapshot. Every
/// optimizer starts from the genome's starting point where it has one (CMA-ES mean, a member of the
/// GA/NSGA-II initial population, the experts themselves for M2N2), inside the genome's boxes.
/// The run loop owns the budget, so no optimizer gets an evaluation limit of its own.
/// </summary>
public static class SearchOptimizers
{
    /// <summary>CMA-ES step size in gene units when the config gives none: a fifth of a unit box.</summary>
    public const double DefaultSigma0 = 0.2;

    /// <summary>M2N2's Gaussian mutation on merge coefficients (its reference 0.01 is for raw weights).</summary>
    public const double DefaultMutationSigma = 0.02;

    public static IAskTellOptimizer Create(OptimizerSpec spec, ISearchSpace genome, int objectives, int examples, ulong seed)
    {
        var x0 = genome.Initial();
        CmaEsOptions Cma(CmaCovarianceMode mode) => new()
        {
            X0 = x0,
            Sigma0 = spec.Sigma0 ?? DefaultSigma0,
            PopulationSize = spec.Population,
            Bounds = genome.Bounds,
            Mode = mode,
            Seed = seed,
        };
        return spec.Name switch
        {
            "cmaes" => new CmaEs(Cma(CmaCovarianceMode.Full)),
            "sep-cmaes" => new CmaEs(Cma(CmaCovarianceMode.Separable)),
            "ipop-cmaes" => new IpopCmaEs(new CmaRestartOptions { Base = Cma(CmaCovarianceMode.Full) }),
            "bipop-cmaes" => new BipopCmaEs(new CmaRestartOptions { Base = Cma(CmaCovarianceMode.Full) }),
            "ga" => new GeneticAlgorithm(new GeneticAlgorithmOptions
            {
                Bounds = genome.Bounds,
                PopulationSize = spec.Population ?? 20,
                Seed = seed,
                InitialPopulation = [x0],
            }),
            "nsga2" => new Nsga2(new Nsga2Options
            {
                Bounds = genome.Bounds,
                Objectives = objectives,
                PopulationSize = spec.Population ?? 20,
                Seed = seed,
                InitialPopulation = [x0],
            }),
            "random" => new RandomSearch(new RandomSearchOptions
            {
                Bounds = genome.Bounds,
                BatchSize = spec.Population ?? 10,
                Objectives = objectives,
                Seed = seed,
            }),
            "m2n2" => new M2N2(genome.Seeds(), examples, new M2N2Options
            {
                ArchiveSize = spec.Population ?? 20,
                MutationSigma = spec.MutationSigma ?? DefaultMutationSigma,
                BatchSize = spec.BatchSize ?? 1,
                SegmentStarts = genome.SegmentStarts(),
            }, new Rng(seed)),
            _ => throw new ArgumentException($"unknown optimizer '{spec.Name}'; valid: {string.Join(", ", OptimizerCatalog.Names)}."),
        };
    }

    /// <summary>Restores the optimizer a snapshot was taken of (the snapshot names it).</summary>
    public static IAskTellOptimizer Restore(string name, JsonObject state) => name switch
    {
        "cmaes" or "sep-cmaes" => CmaEs.Restore(state),
        "ipop-cmaes" => IpopCmaEs.Restore(state),
        "bipop-cmaes" => BipopCmaEs.Restore(state),
        "ga" => GeneticAlgorithm.Restore(state),
        "nsga2" => Nsga2.Restore(state),
        "random" => RandomSearch.Restore(state),
        "m2n2" => M2N2.Restore(state),
        _ => throw new InvalidDataException($"the snapshot is of an unknown optimizer '{name}'."),
    };
}
