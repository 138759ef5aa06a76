using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.Spaces;

namespace EvoMerge.Search.Export;

/// <summary>A run whose trials are final, as the end-of-run outputs need it (so they do not depend on the run loop).</summary>
public sealed record FinishedRun(string Folder, SearchConfig Config, ISearchSpace Space, RunState State, RunSchema Schema, string ScratchRoot);
