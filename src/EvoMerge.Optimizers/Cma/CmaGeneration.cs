using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// One asked generation: the standard normal draws z, the steps y = C^(1/2) z, the genotypes
/// m + sigma y, the phenotypes handed out, and the outcomes told so far. Buffers are reused from one
/// generation to the next.
/// </summary>
internal sealed class CmaGeneration
{
    public int Lambda { get; }
    public int Dimension { get; }
    public long FirstId { get; set; }
    public double[] Z { get; }
    public double[] Y { get; }
    public double[] Genotypes { get; }
    public double[] Phenotypes { get; }
    public bool[] Told { get; }
    public bool[] Failed { get; }
    public double[] Values { get; }
    public int ToldCount { get; set; }

    public CmaGeneration(int lambda, int dimension)
    {
        Lambda = lambda;
        Dimension = dimension;
        Z = new double[lambda * dimension];
        Y = new double[lambda * dimension];
        Genotypes = new double[lambda * dimension];
        Phenotypes = new double[lambda * dimension];
        Told = new bool[lambda];
        Failed = new bool[lambda];
        Values = new double[lambda];
    }

    public void Reset(long firstId)
    {
        FirstId = firstId;
        Array.Clear(Told);
        Array.Clear(Failed);
        Array.Clear(Values);
        ToldCount = 0;
    }

    public bool IsComplete => ToldCount == Lambda;

    /// <summary>Index of candidate <paramref name="id"/> in this generation, or -1.</summary>
    public int IndexOf(long id) => id >= FirstId && id < FirstId + Lambda ? (int)(id - FirstId) : -1;

    public ReadOnlySpan<double> Row(double[] matrix, int k) => matrix.AsSpan(k * Dimension, Dimension);

    /// <summary>
    /// Candidate order for the update: successes by value, then failures, ties by ask order.
    /// A failed candidate therefore ranks last and, with active CMA, gets a negative weight.
    /// </summary>
    public int[] Ranking()
    {
        var order = Enumerable.Range(0, Lambda).ToArray();
        Array.Sort(order, (a, b) =>
        {
            if (Failed[a] != Failed[b]) return Failed[a] ? 1 : -1;
            int byValue = Failed[a] ? 0 : Values[a].CompareTo(Values[b]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        return order;
    }

    public JsonObject Export() => new()
    {
        ["firstId"] = FirstId,
        ["z"] = CmaJson.Bits(Z),
        ["y"] = CmaJson.Bits(Y),
        ["genotypes"] = CmaJson.Bits(Genotypes),
        ["phenotypes"] = CmaJson.Bits(Phenotypes),
        ["told"] = new JsonArray(Told.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        ["failed"] = new JsonArray(Failed.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        ["values"] = CmaJson.Bits(Values),
    };

    public void CopyFrom(CmaGeneration other)
    {
        FirstId = other.FirstId;
        ToldCount = other.ToldCount;
        other.Z.CopyTo(Z, 0);
        other.Y.CopyTo(Y, 0);
        other.Genotypes.CopyTo(Genotypes, 0);
        other.Phenotypes.CopyTo(Phenotypes, 0);
        other.Told.CopyTo(Told, 0);
        other.Failed.CopyTo(Failed, 0);
        other.Values.CopyTo(Values, 0);
    }

    public static CmaGeneration Restore(JsonObject json, int lambda, int n)
    {
        var g = new CmaGeneration(lambda, n) { FirstId = CmaJson.Required<long>(json["firstId"], "pending.firstId") };
        CmaJson.ReadBits(json["z"], "pending.z", lambda * n).CopyTo(g.Z, 0);
        CmaJson.ReadBits(json["y"], "pending.y", lambda * n).CopyTo(g.Y, 0);
        CmaJson.ReadBits(json["genotypes"], "pending.genotypes", lambda * n).CopyTo(g.Genotypes, 0);
        CmaJson.ReadBits(json["phenotypes"], "pending.phenotypes", lambda * n).CopyTo(g.Phenotypes, 0);
        CmaJson.ReadBits(json["values"], "pending.values", lambda).CopyTo(g.Values, 0);
        var told = json["told"]!.AsArray();
        var failed = json["failed"]!.AsArray();
        for (int k = 0; k < lambda; k++)
        {
            g.Told[k] = told[k]!.GetValue<bool>();
            g.Failed[k] = failed[k]!.GetValue<bool>();
            if (g.Told[k]) g.ToldCount++;
        }
        return g;
    }
}
