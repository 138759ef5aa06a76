using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Genetic.State;

/// <summary>
/// The candidates of the generation in flight and the outcomes told so far. Outcomes are checked as
/// a whole before any is recorded, so a rejected Tell changes nothing. A completed outcome with a
/// non-finite objective is recorded as a failure (null objectives): it cannot be ranked. Results
/// come back in ask order, so the order in which outcomes arrive never affects the search.
/// </summary>
internal sealed class PendingBatch
{
    readonly List<(long Id, Chromosome Genes)> _asked = new();
    readonly Dictionary<long, int> _position = new();
    readonly Dictionary<long, double[]?> _results = new();

    public PendingBatch(int objectives)
    {
        if (objectives < 1) throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "At least one objective is needed.");
        Objectives = objectives;
    }

    public int Objectives { get; }

    public bool IsOpen => _asked.Count > 0;

    public int OutstandingCount => _asked.Count - _results.Count;

    public IReadOnlyList<Candidate> Outstanding =>
        _asked.Where(a => !_results.ContainsKey(a.Id)).Select(a => new Candidate(a.Id, a.Genes.ToArray())).ToArray();

    public void Open(IReadOnlyList<(long Id, Chromosome Genes)> candidates)
    {
        if (IsOpen) throw new InvalidOperationException("The previous batch is still open.");
        foreach (var c in candidates)
        {
            _position.Add(c.Id, _asked.Count);
            _asked.Add(c);
        }
    }

    /// <summary>Validates every outcome, then records them; returns them in the order given.</summary>
    public IReadOnlyList<(Chromosome Genes, double[]? Objectives)> Accept(IReadOnlyList<TrialOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var seen = new HashSet<long>();
        var accepted = new List<(long Id, Chromosome Genes, double[]? Objectives)>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (outcome is null) throw new ArgumentException("An outcome is null.", nameof(outcomes));
            long id = outcome.CandidateId;
            if (!_position.TryGetValue(id, out int position))
                throw new ArgumentException($"Candidate {id} is not awaiting an outcome: it was never asked, or belongs to a finished generation.", nameof(outcomes));
            if (_results.ContainsKey(id) || !seen.Add(id))
                throw new ArgumentException($"Candidate {id} was already told.", nameof(outcomes));
            accepted.Add((id, _asked[position].Genes, ObjectivesOf(outcome)));
        }
        foreach (var (id, _, objectives) in accepted) _results.Add(id, objectives);
        return accepted.Select(a => (a.Genes, a.Objectives)).ToArray();
    }

    double[]? ObjectivesOf(TrialOutcome outcome)
    {
        switch (outcome)
        {
            case TrialOutcome.Completed completed:
                var values = completed.Objectives ?? throw new ArgumentException($"Candidate {outcome.CandidateId}: objectives are missing.");
                if (values.Length != Objectives)
                    throw new ArgumentException($"Candidate {outcome.CandidateId}: expected {Objectives} objective value(s), got {values.Length}.");
                return values.All(double.IsFinite) ? (double[])values.Clone() : null;
            case TrialOutcome.Failed:
                return null;
            default:
                throw new ArgumentException($"Candidate {outcome.CandidateId}: unknown outcome type {outcome.GetType().Name}.");
        }
    }

    public bool IsComplete => IsOpen && _results.Count == _asked.Count;

    /// <summary>All results in ask order; the batch is empty afterwards.</summary>
    public IReadOnlyList<(Chromosome Genes, double[]? Objectives)> Close()
    {
        if (!IsComplete) throw new InvalidOperationException($"{OutstandingCount} candidate(s) are still awaiting outcomes.");
        var results = _asked.Select(a => (a.Genes, _results[a.Id])).ToArray();
        _asked.Clear();
        _position.Clear();
        _results.Clear();
        return results;
    }

    public JsonObject ToJson() => new()
    {
        ["asked"] = new JsonArray(_asked.Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["genes"] = StateJson.Numbers(a.Genes.Genes),
        }).ToArray()),
        ["told"] = new JsonArray(_asked.Where(a => _results.ContainsKey(a.Id)).Select(a => (JsonNode)new JsonObject
        {
            ["id"] = a.Id,
            ["objectives"] = _results[a.Id] is { } objectives ? StateJson.Numbers(objectives) : null,
        }).ToArray()),
    };

    public static PendingBatch FromJson(JsonNode? node, int objectives)
    {
        var obj = node as JsonObject ?? throw new FormatException("State field 'batch' must be an object.");
        var batch = new PendingBatch(objectives);
        var asked = (StateJson.Required(obj, "asked") as JsonArray ?? throw new FormatException("'batch.asked' must be an array."))
            .Select((n, i) => n is JsonObject a
                ? (StateJson.ReadLong(a, "id"), new Chromosome(StateJson.ReadNumbers(a["genes"], $"batch.asked[{i}].genes")))
                : throw new FormatException("'batch.asked' entries must be objects."))
            .ToList();
        batch.Open(asked);
        foreach (var n in StateJson.Required(obj, "told") as JsonArray ?? throw new FormatException("'batch.told' must be an array."))
        {
            var told = n as JsonObject ?? throw new FormatException("'batch.told' entries must be objects.");
            long id = StateJson.ReadLong(told, "id");
            if (!batch._position.ContainsKey(id)) throw new FormatException($"'batch.told' names candidate {id}, which is not in 'batch.asked'.");
            var values = told["objectives"] is null ? null : StateJson.ReadNumbers(told["objectives"], $"batch.told[{id}].objectives");
            if (values is not null && values.Length != objectives)
                throw new FormatException($"'batch.told' candidate {id} has {values.Length} objectives, expected {objectives}.");
            batch._results.Add(id, values);
        }
        return batch;
    }
}
