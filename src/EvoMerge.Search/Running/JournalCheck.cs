using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;

namespace EvoMerge.Search.Running;

/// <summary>Checks that a replayed optimizer asks exactly what the journal recorded (same ids, same genes bit for bit).</summary>
internal static class JournalCheck
{
    public static void SameCandidates(BatchAsked recorded, IReadOnlyList<Candidate> asked)
    {
        string Refuse(string what) =>
            $"generation {recorded.Generation}: the optimizer now asks {what} than the journal recorded, so the run cannot be replayed exactly " +
            "(was EvoMerge updated, or the snapshot replaced?). Start a new run, or resume with the EvoMerge version that began it.";
        if (asked.Count != recorded.Candidates.Count)
            throw new ResumeRefusedException(Refuse($"{asked.Count} candidates rather"));
        for (int i = 0; i < asked.Count; i++)
        {
            var (a, r) = (asked[i], recorded.Candidates[i]);
            if (a.Id != r.Id || a.Genes.Length != r.Genes.Length)
                throw new ResumeRefusedException(Refuse($"candidate {a.Id} at position {i} (journal: {r.Id}), other candidates"));
            for (int g = 0; g < a.Genes.Length; g++)
                if (BitConverter.DoubleToInt64Bits(a.Genes[g]) != BitConverter.DoubleToInt64Bits(r.Genes[g]))
                    throw new ResumeRefusedException(Refuse($"different genes for trial {a.Id}"));
        }
    }
}
