using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

/// <summary>
/// <c>fitness: {cache: true}</c>: the outcome of every evaluated, completed trial by its recipe key
/// (<see cref="ISearchSpace.RecipeKey"/>), the earliest trial winning. Built from the journal alone, so a
/// resumed run finds the same sources as the uninterrupted one. Failed trials are never sources: a
/// failure may be passing (a timeout, a full disk), so the same recipe is evaluated again.
/// </summary>
internal sealed class ScoreCache(ISearchSpace space, ulong runSeed)
{
    readonly Dictionary<string, TrialCompleted> _sources = new(StringComparer.Ordinal);
    readonly HashSet<long> _learned = [];

    public string KeyOf(TrialRequest request) => space.RecipeKey(request.Seed, request.Genes);

    /// <summary>Indexes the journal's evaluated completions not seen yet, in trial order.</summary>
    public void Learn(RunState state)
    {
        foreach (var trial in state.Trials)
        {
            if (trial.Completion is not { CachedFrom: null } completion || !_learned.Add(trial.TrialId)) continue;
            _sources.TryAdd(space.RecipeKey(TrialSeeds.For(runSeed, trial.TrialId), trial.Genes), completion);
        }
    }

    public TrialCompleted? SourceOf(string key) => _sources.GetValueOrDefault(key);
}
