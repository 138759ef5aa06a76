using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Genetic.State;

namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// An operator described as data: a name, numeric parameters and (for composites such as and/or
/// terminations) child operators. Parameters are kept sorted by name so the JSON form is stable.
/// </summary>
public sealed class OperatorSpec
{
    public string Name { get; }
    public IReadOnlyDictionary<string, double> Parameters { get; }
    public IReadOnlyList<OperatorSpec> Children { get; }

    public OperatorSpec(string name, IReadOnlyDictionary<string, double>? parameters = null, IReadOnlyList<OperatorSpec>? children = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An operator needs a name.", nameof(name));
        Name = name;
        Parameters = new SortedDictionary<string, double>(
            (parameters ?? new Dictionary<string, double>()).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        Children = (children ?? Array.Empty<OperatorSpec>()).ToArray();
        if (Children.Any(c => c is null)) throw new ArgumentException("Child operators must not be null.", nameof(children));
    }

    public static OperatorSpec Of(string name, params (string Name, double Value)[] parameters) =>
        new(name, parameters.ToDictionary(p => p.Name, p => p.Value));

    /// <summary>Checks that exactly the named parameters are present (so typos are reported, not ignored).</summary>
    public void ExpectParameters(params string[] names)
    {
        var missing = names.Where(n => !Parameters.ContainsKey(n)).ToList();
        var unknown = Parameters.Keys.Where(k => !names.Contains(k)).ToList();
        if (missing.Count == 0 && unknown.Count == 0) return;
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"missing {string.Join(", ", missing)}");
        if (unknown.Count > 0) problems.Add($"unknown {string.Join(", ", unknown)}");
        string expected = names.Length == 0 ? "none" : string.Join(", ", names);
        throw new ArgumentException($"Operator '{Name}': {string.Join("; ", problems)} (expected parameters: {expected}).");
    }

    public double Get(string parameter) =>
        Parameters.TryGetValue(parameter, out var v) ? v
            : throw new ArgumentException($"Operator '{Name}' has no parameter '{parameter}'.");

    /// <summary>An integer-valued parameter; fractional values are an error rather than silently truncated.</summary>
    public int GetInt(string parameter)
    {
        double v = Get(parameter);
        if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
            throw new ArgumentException($"Operator '{Name}': parameter '{parameter}' must be a whole number, got {v}.");
        return (int)v;
    }

    public JsonObject ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in Parameters) parameters[key] = StateJson.Number(value);
        var json = new JsonObject { ["name"] = Name, ["parameters"] = parameters };
        if (Children.Count > 0) json["children"] = new JsonArray(Children.Select(c => (JsonNode)c.ToJson()).ToArray());
        return json;
    }

    public static OperatorSpec FromJson(JsonNode? node)
    {
        var obj = node as JsonObject ?? throw new ArgumentException("An operator description must be a JSON object.");
        string name = StateJson.ReadString(obj, "name");
        var parameters = new Dictionary<string, double>();
        if (obj["parameters"] is JsonObject p)
            foreach (var (key, value) in p) parameters[key] = StateJson.ReadDouble(value, $"{name}.{key}");
        var children = obj["children"] is JsonArray c ? c.Select(FromJson).ToList() : null;
        return new OperatorSpec(name, parameters, children);
    }

    public override string ToString()
    {
        var parts = Parameters.Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}")
            .Concat(Children.Select(c => c.ToString()));
        return $"{Name}({string.Join(", ", parts)})";
    }
}
