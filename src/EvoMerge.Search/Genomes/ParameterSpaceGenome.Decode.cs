using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;

namespace EvoMerge.Search.Genomes;

public sealed partial class ParameterSpaceGenome
{
    /// <summary>
    /// The parameter value a gene stands for (reference §2): densities are |x|, weights are |x| unless negative
    /// weights are allowed; everything is clamped into the gene's box (optimizers may step outside it).
    /// </summary>
    public double ValueOf(int gene, double x)
    {
        var info = Genes[gene];
        if (info.Parameter == "density" || (info.Parameter == "weight" && !_config.Genome.NegativeWeights)) x = Math.Abs(x);
        return Math.Clamp(x, info.Min, info.Max);
    }

    /// <summary>The mergekit configuration one gene vector stands for; <paramref name="randomSeed"/> fixes DARE/DELLA masks.</summary>
    public MergeConfig Decode(IReadOnlyList<double> genes, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(genes);
        if (genes.Count != Dimension) throw new ArgumentException($"expected {Dimension} genes, got {genes.Count}.", nameof(genes));
        if (genes.Any(g => !double.IsFinite(g))) throw new ArgumentException("genes must be finite.", nameof(genes));

        var slices = new List<SliceEntry>();
        foreach (var group in Groups)
        {
            bool firstSlice = group.Index == 0, lastSlice = group.Index == Groups.Count - 1;
            var sources = new List<SliceSource>();
            foreach (var expert in _config.Models.Experts)
                sources.Add(new SliceSource(expert.Path, group.First, group.Last + 1,
                    SettingsFor(genes, group.Index, expert.Name, firstSlice, lastSlice)));
            if (_listsBase)
                sources.Add(new SliceSource(_config.Models.Base!.Path, group.First, group.Last + 1, ParameterSet.Empty));
            slices.Add(new SliceEntry(sources, SettingsFor(genes, group.Index, model: null, firstSlice, lastSlice)));
        }

        return new MergeConfig
        {
            MergeMethod = _config.Merge.Method,
            BaseModel = _listsBase ? _config.Models.Base!.Path : null,
            Slices = slices,
            Parameters = new ParameterSet(_config.Merge.Parameters.ToDictionary(p => p.Key, p => (ParameterSetting)new ParameterSetting.Scalar(p.Value))),
            DType = _config.Merge.DType,
            OutDType = _config.Merge.OutDType,
            RandomSeed = randomSeed,
        };
    }

    /// <summary>
    /// Parameter settings of one slice source (or of the slice when <paramref name="model"/> is null): filtered
    /// entries for non-layer tensors first (first/last slice only), then the user's filters, then the default.
    /// </summary>
    ParameterSet SettingsFor(IReadOnlyList<double> genes, int group, string? model, bool firstSlice, bool lastSlice)
    {
        var result = new Dictionary<string, ParameterSetting>();
        var mine = Enumerable.Range(0, Dimension).Where(i => Genes[i].Model == model).ToList();
        foreach (var parameter in mine.Select(i => Genes[i].Parameter).Distinct())
        {
            var entries = new List<FilterEntry>();
            foreach (int i in mine.Where(i => Genes[i].Parameter == parameter && Genes[i].Scope != GeneScope.LayerGroup))
            {
                var info = Genes[i];
                var tensors = info.Scope == GeneScope.Embed
                    ? (firstSlice ? PreTensors : [])
                    : (lastSlice ? PostTensors.Where(t => GeneListBuilder.ScopeOf(t, pre: false) == info.Scope).ToList() : []);
                foreach (var tensor in tensors)
                    entries.Add(new FilterEntry(tensor, new ParameterSetting.Scalar(ValueOf(i, genes[i]))));
            }
            foreach (int i in mine.Where(i => Genes[i].Parameter == parameter && Genes[i].Scope == GeneScope.LayerGroup && Genes[i].Group == group))
                entries.Add(new FilterEntry(Genes[i].Filter, new ParameterSetting.Scalar(ValueOf(i, genes[i]))));
            if (entries.Count == 0) continue;
            result[parameter] = entries.Count == 1 && entries[0].Filter is null ? entries[0].Value : new ParameterSetting.Filtered(entries);
        }
        return result.Count == 0 ? ParameterSet.Empty : new ParameterSet(result);
    }

    /// <summary>
    /// The starting point (reference §2): weight 1/M, density 1, t 0.5, other parameters at the method's
    /// default; each clamped into its box.
    /// </summary>
    public double[] Initial()
    {
        int experts = _config.Models.Experts.Count;
        var specs = _method.ModelParameters.Concat(_method.GlobalParameters).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        return Genes.Select(g => Math.Clamp(g.Parameter switch
        {
            "weight" => 1.0 / experts,
            "density" => 1.0,
            "t" => 0.5,
            _ => specs[g.Parameter].Default ?? (g.Min + g.Max) / 2,
        }, g.Min, g.Max)).ToArray();
    }

    /// <summary>
    /// One gene vector per expert that reproduces it alone as closely as the boxes allow (its weight 1, the
    /// others 0; slerp's t at the expert's end). M2N2 starts its archive from these.
    /// </summary>
    public IReadOnlyList<double[]> ExpertSeeds()
    {
        var seeds = new List<double[]>();
        for (int e = 0; e < _config.Models.Experts.Count; e++)
        {
            string name = _config.Models.Experts[e].Name;
            var x = Initial();
            for (int i = 0; i < Dimension; i++)
            {
                var g = Genes[i];
                if (g.Parameter == "weight" && g.Model is not null) x[i] = Math.Clamp(g.Model == name ? 1.0 : 0.0, g.Min, g.Max);
                else if (g.Parameter == "t" && g.Model is null) x[i] = Math.Clamp(_listsBase ? 1.0 : e, g.Min, g.Max);
            }
            seeds.Add(x);
        }
        return seeds;
    }
}
