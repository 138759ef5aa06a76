using System.Globalization;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The last few models built from gene vectors, so a race that scores one candidate slice by slice
/// merges it once. Oldest out first; owns and disposes what it holds.
/// </summary>
public sealed class BuiltModelCache<TModel>(int capacity) : IDisposable where TModel : IDisposable
{
    readonly Dictionary<string, TModel> _models = new(StringComparer.Ordinal);
    readonly Queue<string> _order = new();

    public TModel Get(IReadOnlyList<double> genes, Func<TModel> build)
    {
        ArgumentNullException.ThrowIfNull(genes);
        ArgumentNullException.ThrowIfNull(build);
        string key = string.Join(',', genes.Select(g => g.ToString("R", CultureInfo.InvariantCulture)));
        if (_models.TryGetValue(key, out var model)) return model;
        while (_order.Count >= Math.Max(1, capacity))
        {
            string oldest = _order.Dequeue();
            _models[oldest].Dispose();
            _models.Remove(oldest);
        }
        model = build();
        _models[key] = model;
        _order.Enqueue(key);
        return model;
    }

    public void Dispose()
    {
        foreach (var model in _models.Values) model.Dispose();
        _models.Clear();
        _order.Clear();
    }
}
