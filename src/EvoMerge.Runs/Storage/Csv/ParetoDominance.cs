namespace EvoMerge.Runs.Storage;

/// <summary>
/// Pareto dominance with a sense per objective. Kept private to this project: Core has no Pareto
/// utilities in this branch yet (replace with them once merged).
/// </summary>
internal static class ParetoDominance
{
    /// <summary>True if <paramref name="a"/> is at least as good as <paramref name="b"/> everywhere and better somewhere.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<bool> maximize)
    {
        bool strictlyBetter = false;
        for (int k = 0; k < maximize.Count; k++)
        {
            double gain = maximize[k] ? a[k] - b[k] : b[k] - a[k];
            if (gain < 0)
            {
                return false;
            }

            strictlyBetter |= gain > 0;
        }

        return strictlyBetter;
    }

    /// <summary>The items no other item dominates (equal objective vectors all stay), in input order.</summary>
    public static List<T> NonDominated<T>(IReadOnlyList<T> items, Func<T, IReadOnlyList<double>> objectives, IReadOnlyList<bool> maximize)
    {
        var front = new List<T>();
        for (int i = 0; i < items.Count; i++)
        {
            var candidate = objectives(items[i]);
            bool dominated = false;
            for (int j = 0; j < items.Count && !dominated; j++)
            {
                dominated = j != i && Dominates(objectives(items[j]), candidate, maximize);
            }

            if (!dominated)
            {
                front.Add(items[i]);
            }
        }

        return front;
    }
}
