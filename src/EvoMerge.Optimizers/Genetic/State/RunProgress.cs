using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Genetic.State;

/// <summary>
/// Counters every population optimizer keeps: completed generations, told evaluations, the best
/// completed candidate on the first objective (the first of equal values is kept), and how many
/// completed generations in a row did not improve it.
/// </summary>
internal sealed class RunProgress
{
    bool _improvedThisGeneration;

    public int Generations { get; private set; }
    public long Evaluations { get; private set; }
    public Chromosome? BestGenes { get; private set; }
    public double BestValue { get; private set; }
    public int StagnantGenerations { get; private set; }

    public void Record(Chromosome genes, double[]? objectives)
    {
        Evaluations++;
        if (objectives is null) return;
        if (BestGenes is null || objectives[0] < BestValue)
        {
            BestGenes = genes;
            BestValue = objectives[0];
            _improvedThisGeneration = true;
        }
    }

    public void CompleteGeneration()
    {
        Generations++;
        StagnantGenerations = _improvedThisGeneration ? 0 : StagnantGenerations + 1;
        _improvedThisGeneration = false;
    }

    public (double[] Genes, double Value)? Best => BestGenes is null ? null : (BestGenes.ToArray(), BestValue);

    public TerminationProgress Snapshot() =>
        new(Generations, Evaluations, BestGenes is null ? null : BestValue, StagnantGenerations);

    public JsonObject ToJson() => new()
    {
        ["generations"] = Generations,
        ["evaluations"] = Evaluations,
        ["stagnantGenerations"] = StagnantGenerations,
        ["improvedThisGeneration"] = _improvedThisGeneration,
        ["best"] = BestGenes is null ? null : new JsonObject
        {
            ["genes"] = StateJson.Numbers(BestGenes.Genes),
            ["value"] = StateJson.Number(BestValue),
        },
    };

    public static RunProgress FromJson(JsonNode? node)
    {
        var obj = node as JsonObject ?? throw new FormatException("State field 'progress' must be an object.");
        var progress = new RunProgress
        {
            Generations = StateJson.ReadInt(obj, "generations"),
            Evaluations = StateJson.ReadLong(obj, "evaluations"),
            StagnantGenerations = StateJson.ReadInt(obj, "stagnantGenerations"),
            _improvedThisGeneration = StateJson.ReadBool(obj, "improvedThisGeneration"),
        };
        if (obj["best"] is JsonObject best)
        {
            progress.BestGenes = new Chromosome(StateJson.ReadNumbers(best["genes"], "progress.best.genes"));
            progress.BestValue = StateJson.ReadDouble(best["value"], "progress.best.value");
        }
        return progress;
    }
}
