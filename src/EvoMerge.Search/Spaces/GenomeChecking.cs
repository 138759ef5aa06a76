using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// What a genome kind checks itself against once the whole config is read: the models, the merge section and
/// the tasks (each null or empty when their own section has problems). Problems are added to <see cref="Problems"/>.
/// </summary>
internal sealed record GenomeChecking(GenomeSpec Genome, ModelsSpec? Models, MergeSpec? Merge, IReadOnlyList<TaskSpec> Tasks, List<string> Problems);
