using EvoMerge.Search.Config;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// What a genome kind reads its fields from: the <c>genome:</c> mapping, the merge section already read (null
/// when it has problems), and how to resolve files. Problems go to <see cref="Fields"/>, with paths under <c>genome.</c>.
/// </summary>
internal sealed record GenomeReading(YamlFields Fields, YamlMappingNode Map, MergeSpec? Merge, PathResolver Paths);
