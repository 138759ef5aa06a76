using EvoMerge.Fitness.Racing;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Running;

/// <summary>
/// <c>fitness.racing</c> for one generation, on top of <see cref="RaceRounds"/>. The race runs over positions
/// of the tasks' seeded fitness orders: position <c>k</c> is each task's k-th example (tasks shorter than
/// <c>k</c> have none), and its score is <c>sum_t c_t s_(t,k)</c> with <c>c_t = (w_t / sum w) (N_max / N_t)</c>
/// (<c>c_t = N_max / N_t</c> for a task that is the objective on its own), so the sum over all positions is
/// <c>N_max</c> times the objective and a race decided on the full set ranks exactly as full evaluation.
/// A trial's metrics are the example-weighted means of its slices' metrics, i.e. the metrics on the
/// examples it was scored on.
/// </summary>
internal sealed class GenerationRace
{
    readonly RaceRounds _rounds;
    readonly IReadOnlyList<TaskSpec> _tasks;
    readonly int[] _taskExamples;
    readonly double[] _factor;
    readonly List<TrialSliceScored>[] _slices;

    public GenerationRace(RacingOptions options, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<int> taskExamples, int candidates)
    {
        _tasks = tasks;
        _taskExamples = [.. taskExamples];
        int largest = _taskExamples.Max();
        double weights = tasks.Where(t => t.Role == TaskRole.WeightedSum).Sum(t => t.Weight);
        _factor = [.. tasks.Select((t, i) => (t.Role == TaskRole.WeightedSum ? t.Weight / weights : 1.0) * largest / _taskExamples[i])];
        _rounds = new RaceRounds(candidates, largest, options);
        _slices = [.. Enumerable.Range(0, candidates).Select(_ => new List<TrialSliceScored>())];
    }

    public IReadOnlyList<RaceSlice> Wanted => _rounds.Wanted;

    public bool Advance() => _rounds.Advance();

    public void Withdraw(int candidate) => _rounds.Withdraw(candidate);

    /// <summary>How many per-example scores a slice gives: each task's examples in it, in task order.</summary>
    public int ScoresIn(FitnessSlice slice) => _taskExamples.Sum(slice.LengthFor);

    /// <summary>Adds a scored slice (its scores are those of the tasks with examples in it, in task order).</summary>
    public void Record(int candidate, TrialSliceScored scored)
    {
        var slice = new FitnessSlice(scored.From, scored.To);
        if (scored.PerExampleScores.Count != ScoresIn(slice))
            throw new InvalidOperationException($"trial {scored.TrialId}: slice {scored.From}..{scored.To - 1} has {scored.PerExampleScores.Count} scores; its tasks have {ScoresIn(slice)} examples there.");
        var positions = new double[slice.To - slice.From];
        int offset = 0;
        for (int t = 0; t < _tasks.Count; t++)
        {
            int length = slice.LengthFor(_taskExamples[t]);
            for (int j = 0; j < length; j++) positions[j] += _factor[t] * scored.PerExampleScores[offset + j];
            offset += length;
        }
        _rounds.Record(candidate, positions);
        _slices[candidate].Add(scored);
    }

    public RaceResult Result() => _rounds.Result();

    /// <summary>Metric columns on the examples the candidate was scored on: per task, the example-weighted mean over its slices.</summary>
    public Dictionary<string, double> Metrics(int candidate)
    {
        var sums = new Dictionary<string, (double Sum, long Count)>(StringComparer.Ordinal);
        foreach (var scored in _slices[candidate])
        {
            var slice = new FitnessSlice(scored.From, scored.To);
            for (int t = 0; t < _tasks.Count; t++)
            {
                int length = slice.LengthFor(_taskExamples[t]);
                if (length == 0) continue;
                foreach (string metric in _tasks[t].RecordedMetrics)
                {
                    string column = TaskColumns.Metric(_tasks[t].Name, metric);
                    if (!scored.Metrics.TryGetValue(column, out double value)) continue;
                    var (sum, count) = sums.GetValueOrDefault(column);
                    sums[column] = (sum + value * length, count + length);
                }
            }
        }
        return sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.Ordinal);
    }

    /// <summary>Examples the candidate was scored on, over all tasks.</summary>
    public int Examples(int candidate) => _slices[candidate].Sum(s => s.PerExampleScores.Count);

    public double Seconds(int candidate) => _slices[candidate].Sum(s => s.Seconds);

    public string? Worker(int candidate) => _slices[candidate].Count == 0 ? null : _slices[candidate][^1].Worker;

    /// <summary>
    /// What the optimizer is told, in natural sense: each completed candidate's objective, lowered where needed
    /// so the values fall strictly along the race's ranking (an early-stopped candidate's mean on few examples
    /// may exceed a better one's on more). <paramref name="objective"/> gives a candidate's value, null when it failed.
    /// </summary>
    public static Dictionary<int, double> ValuesAlongRanking(IReadOnlyList<int> ranking, Func<int, double?> objective)
    {
        var told = new Dictionary<int, double>();
        double? previous = null;
        foreach (int c in ranking)
        {
            if (objective(c) is not double value) continue;
            if (previous is double p && value >= p) value = Math.BitDecrement(p);
            told[c] = value;
            previous = value;
        }
        return told;
    }
}
