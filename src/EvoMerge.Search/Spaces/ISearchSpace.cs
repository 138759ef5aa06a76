using EvoMerge.Core.Optimization;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// What a search explores and how a gene vector becomes a scored model: the parameter space (per-layer
/// merge recipes, merged in memory by the merge kernel) or the data-flow space (layer paths with input
/// scales over the source models, run as a view without copying weights). The run loop, the optimizers
/// and the run folder only see genes, boxes and evaluations.
/// </summary>
public interface ISearchSpace : IDisposable
{
    /// <summary>"parameter_space" or "data_flow".</summary>
    string Kind { get; }

    IReadOnlyList<string> GeneNames { get; }

    Bounds Bounds { get; }

    /// <summary>The starting point (CMA-ES mean; a member of GA/NSGA-II's first population).</summary>
    double[] Initial();

    /// <summary>Problems that would fail every evaluation with these tasks, found before any weights are read.</summary>
    IReadOnlyList<string> Check(TaskSuite tasks);

    /// <summary>
    /// Builds the trial's model and scores it on <paramref name="tasks"/>; candidate problems become failures.
    /// <paramref name="seed"/> (<see cref="Genomes.TrialSeeds.For"/>) fixes the merge's random choices.
    /// </summary>
    TrialEvaluation Evaluate(long seed, IReadOnlyList<double> genes, TaskSuite tasks, PhaseTimings? timings, CancellationToken ct);

    /// <summary>
    /// The first half of <see cref="Evaluate"/>: builds the trial's model without scoring it, so the build can run
    /// while another candidate is scored. A build that fails gives an <see cref="UnbuiltCandidate"/>; fatal errors
    /// and cancellation propagate. The caller disposes the result.
    /// </summary>
    IPreparedCandidate Prepare(long seed, IReadOnlyList<double> genes, PhaseTimings? timings, CancellationToken ct);

    /// <summary>
    /// A text that is equal for two gene vectors exactly when they build the same model (the score cache's
    /// key): the decoded recipe, with the trial's <paramref name="seed"/> only where the merge draws random numbers.
    /// </summary>
    string RecipeKey(long seed, IReadOnlyList<double> genes);

    /// <summary>Small files that describe the trial's model (recipe.yml, or path.json for a layer path) into <paramref name="folder"/>.</summary>
    void WriteRecipe(string folder, long trialId, IReadOnlyList<double> genes, string comment);

    /// <summary>Writes the trial's model as a loadable model folder (<paramref name="folder"/> must not exist, or be empty).</summary>
    IReadOnlyList<string> ExportModel(string folder, long trialId, IReadOnlyList<double> genes, Action<string>? log = null);
}
