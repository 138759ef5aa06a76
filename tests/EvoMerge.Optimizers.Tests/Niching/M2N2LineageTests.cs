using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

/// <summary>Each child names the candidates its parents were (archive members), for the run's lineage.</summary>
public class M2N2LineageTests
{
    static M2N2 Fresh(M2N2Options? options = null) =>
        new([[1.0, 2.0, 0.5], [3.0, -1.0, 0.25]], examples: 3, options ?? new M2N2Options { ArchiveSize = 4, BatchSize = 3 }, new Rng(5));

    // Scores from the genes so every run of the same candidates gets the same outcomes.
    static TrialOutcome Score(Candidate c) =>
        TrialOutcome.Success(c.Id, [-c.Genes.Sum()], c.Genes.Select(g => Math.Abs(Math.Sin(3 * g))).ToArray());

    static void TellAll(M2N2 m2n2, IReadOnlyList<Candidate> batch) => m2n2.Tell(batch.Select(Score).ToList());

    [Fact]
    public void Seeds_have_no_parents_and_children_name_archive_members_with_their_split_point()
    {
        var m2n2 = Fresh();
        var seeds = m2n2.Ask();
        Assert.All(seeds, s => Assert.Null(s.Metadata));
        TellAll(m2n2, seeds);

        for (int generation = 0; generation < 5; generation++)
        {
            var archiveIds = Enumerable.Range(0, m2n2.ArchiveSize).Select(m2n2.ArchiveCandidateId).Where(id => id >= 0).ToHashSet();
            var batch = m2n2.Ask();
            foreach (var child in batch)
            {
                var parents = CandidateMetadata.ParseIds(child.Metadata![CandidateMetadata.Parents]);
                Assert.Equal(2, parents.Count);
                Assert.All(parents, p => Assert.Contains(p, archiveIds));
                Assert.InRange(int.Parse(child.Metadata[CandidateMetadata.SplitAt]), 0, 2);
            }

            TellAll(m2n2, batch);
        }
    }

    [Fact]
    public void Without_crossover_a_child_has_one_parent_and_no_split_point()
    {
        var m2n2 = Fresh(new M2N2Options { ArchiveSize = 4, UseCrossover = false, MutationSigma = 0.1 });
        TellAll(m2n2, m2n2.Ask());

        var child = m2n2.Ask().Single();

        Assert.Single(CandidateMetadata.ParseIds(child.Metadata![CandidateMetadata.Parents]));
        Assert.False(child.Metadata.ContainsKey(CandidateMetadata.SplitAt));
    }

    [Fact]
    public void A_restored_optimizer_names_the_same_parents_as_the_original()
    {
        var original = Fresh();
        TellAll(original, original.Ask());
        TellAll(original, original.Ask());
        var restored = M2N2.Restore(original.ExportState());

        for (int generation = 0; generation < 4; generation++)
        {
            var a = original.Ask();
            var b = restored.Ask();
            Assert.Equal(a.Select(c => c.Metadata![CandidateMetadata.Parents]), b.Select(c => c.Metadata![CandidateMetadata.Parents]));
            Assert.Equal(a.Select(c => c.Metadata![CandidateMetadata.SplitAt]), b.Select(c => c.Metadata![CandidateMetadata.SplitAt]));
            TellAll(original, a);
            TellAll(restored, b);
        }
    }

    [Fact]
    public void A_snapshot_from_before_parents_were_recorded_restores_with_unnamed_parents()
    {
        var original = Fresh();
        TellAll(original, original.Ask());
        var state = original.ExportState();
        foreach (var slot in state["archive"]!.AsArray()) slot!.AsObject().Remove("candidate");

        var restored = M2N2.Restore(state);
        var a = original.Ask();
        var b = restored.Ask();

        // Same children (the lineage never feeds back into the search); the unknown parents are just not named.
        Assert.Equal(a.Select(c => c.Genes), b.Select(c => c.Genes));
        Assert.All(b, c => Assert.False(c.Metadata!.ContainsKey(CandidateMetadata.Parents)));
    }
}
