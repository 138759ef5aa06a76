namespace EvoMerge.Dashboard.Web;

/// <summary>
/// Describes a trial's model with the run's own search space: the small files of its recipe
/// (<c>recipe.yml</c> for parameter-space runs, <c>path.json</c> for data-flow runs). Supplied by the
/// command line, which knows the search spaces; the dashboard works without one.
/// </summary>
public interface ITrialDescriber
{
    /// <summary>File name and text of each recipe file; throws with a readable message when the run's config cannot be used.</summary>
    IReadOnlyList<(string File, string Text)> Describe(string runFolder, long trialId, IReadOnlyList<double> genes);
}
