using EvoMerge.Core.Pareto;
using EvoMerge.Optimizers.Genetic;

namespace EvoMerge.Optimizers.MultiObjective;

/// <summary>
/// NSGA-II survival: sort the candidates into non-dominated fronts, take whole fronts while they
/// fit, then fill the remaining places from the next front by decreasing crowding distance (equal
/// distances keep their order). Failed candidates are dominated by every completed one and by none
/// of each other: they form one last front whose crowding distance is 0.
/// </summary>
internal static class EnvironmentalSelection
{
    public static Nsga2Individual[] Survivors(IReadOnlyList<(Chromosome Genes, double[]? Objectives)> candidates, int count)
    {
        var completed = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Objectives is not null).ToArray();
        var failed = Enumerable.Range(0, candidates.Count).Where(i => candidates[i].Objectives is null).ToArray();
        var fronts = NonDominatedSorting.Sort(completed.Select(i => candidates[i].Objectives!).ToArray())
            .Select(front => front.Select(k => completed[k]).ToArray())
            .ToList();
        if (failed.Length > 0) fronts.Add(failed);

        var survivors = new List<Nsga2Individual>(count);
        for (int rank = 0; rank < fronts.Count && survivors.Count < count; rank++)
        {
            var front = fronts[rank];
            bool failedFront = candidates[front[0]].Objectives is null;
            var crowding = failedFront ? new double[front.Length] : CrowdingDistance.Compute(front.Select(i => candidates[i].Objectives!).ToArray());
            var order = Enumerable.Range(0, front.Length);
            if (survivors.Count + front.Length > count) order = order.OrderByDescending(k => crowding[k]);
            foreach (int k in order.Take(count - survivors.Count))
            {
                var (genes, objectives) = candidates[front[k]];
                survivors.Add(new Nsga2Individual(genes, objectives, rank, crowding[k]));
            }
        }
        return survivors.ToArray();
    }
}
