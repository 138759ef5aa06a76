using System.Text.Json.Nodes;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Runs.Storage.Files;

/// <summary>A snapshot that loaded and matched its hash, and the newer ones that did not (with why).</summary>
public sealed record LoadedSnapshot(SnapshotWritten Reference, JsonObject State, IReadOnlyList<string> Skipped);

