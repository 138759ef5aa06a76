using System.Text.Json.Nodes;

namespace EvoMerge.Core.Optimization;

/// <summary>
/// The one contract every optimizer follows. <see cref="Ask"/> hands out a batch of candidates with
/// fresh ids; <see cref="Tell"/> takes their outcomes (ids it did not issue, or issued ids told twice,
/// are rejected with <see cref="ArgumentException"/>); a generation completes once every asked
/// candidate is told. <see cref="ExportState"/> captures everything, random generator included: an
/// optimizer built by its factory's <c>Restore</c> from that state continues bit for bit as the
/// original would.
/// </summary>
public interface IAskTellOptimizer
{
    /// <summary>Short stable name used in CSVs and snapshots (e.g. "cmaes").</summary>
    string Name { get; }

    /// <summary>Number of genes of every candidate.</summary>
    int Dimension { get; }

    IReadOnlyList<Candidate> Ask();

    void Tell(IReadOnlyList<TrialOutcome> outcomes);

    /// <summary>Reasons to stop now; empty while the optimizer wants to go on.</summary>
    IReadOnlySet<StopReason> Stop();

    /// <summary>Best completed candidate so far on the first objective (null before any success).</summary>
    (double[] Genes, double Value)? Best { get; }

    /// <summary>Complete, versioned state as JSON (doubles written round-trip exact).</summary>
    JsonObject ExportState();
}
