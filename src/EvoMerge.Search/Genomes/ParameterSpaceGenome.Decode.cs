using EvoMerge.Core.Optimization;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.Search.Config;

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

    /// <summary>The method a method gene's value picks: equal-width bins over [0, 1], one per listed method.</summary>
    public string MethodOf(int gene, double x)
    {
        var categories = Genes[gene].Categories ?? throw new ArgumentException($"gene {Genes[gene].Name} is not a method gene.", nameof(gene));
        return categories[CategoryBins.Index(x, categories.Count)];
    }

    /// <summary>The method of each layer group: the fixed one, the one method gene's choice, or each group's own.</summary>
    public IReadOnlyList<string> GroupMethods(IReadOnlyList<double> genes)
    {
        ArgumentNullException.ThrowIfNull(genes);
        var chosen = Groups.Select(_ => MethodNames[0]).ToArray();
        foreach (int i in MethodGenes)
        {
            string method = MethodOf(i, genes[i]);
            if (Genes[i].Scope == GeneScope.Merge) Array.Fill(chosen, method);
            else chosen[Genes[i].Group] = method;
        }
        return chosen;
    }

    /// <summary>The mergekit configuration one gene vector stands for; <paramref name="randomSeed"/> fixes DARE/DELLA masks.</summary>
    public MergeConfig Decode(IReadOnlyList<double> genes, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(genes);
        if (genes.Count != Dimension) throw new ArgumentException($"expected {Dimension} genes, got {genes.Count}.", nameof(genes));
        if (genes.Any(g => !double.IsFinite(g))) throw new ArgumentException("genes must be finite.", nameof(genes));

        var methods = GroupMethods(genes).Select(MergeMethodRegistry.Get).ToList();
        var top = methods[0];
        // One method for every group: a plain mergekit config. Otherwise each slice that differs names its method,
        // and fixed global parameters go to the slices whose method takes them.
        bool uniform = methods.All(m => m == top);
        var slices = new List<SliceEntry>();
        foreach (var group in Groups)
        {
            var method = methods[group.Index];
            bool firstSlice = group.Index == 0, lastSlice = group.Index == Groups.Count - 1;
            var sources = new List<SliceSource>();
            foreach (var expert in _config.Models.Experts)
                sources.Add(new SliceSource(expert.Path, group.First, group.Last + 1,
                    SettingsFor(genes, group.Index, expert.Name, firstSlice, lastSlice, method)));
            if (ListsBase(method))
                sources.Add(new SliceSource(_config.Models.Base!.Path, group.First, group.Last + 1, ParameterSet.Empty));
            var settings = SettingsFor(genes, group.Index, model: null, firstSlice, lastSlice, method);
            if (!uniform) settings = With(settings, FixedParameters(method));
            slices.Add(new SliceEntry(sources, settings) { MergeMethod = method == top ? null : method.Name });
        }

        var global = uniform ? FixedParameters(top) : ParameterSet.Empty;
        // fisher reads the task data its Fisher information comes from in the global parameters (a model has one Fisher);
        // a recipe without a fisher slice leaves it out, as a merge refuses fisher fields no method reads.
        if (_config.Merge.FisherData is { } fisher && methods.Any(m => m is IUsesFisherInformation))
            global = global with { FisherData = fisher };

        return new MergeConfig
        {
            MergeMethod = top.Name,
            BaseModel = methods.Any(ListsBase) ? _config.Models.Base!.Path : null,
            Slices = slices,
            Parameters = global,
            DType = _config.Merge.DType,
            OutDType = _config.Merge.OutDType,
            RandomSeed = randomSeed,
        };
    }

    /// <summary>Whether any chosen method draws random numbers (DARE/DELLA masks), so the trial seed is part of the model.</summary>
    public bool UsesSeed(IReadOnlyList<double> genes) => GroupMethods(genes).Distinct().Any(MergeRandomness.UsesSeed);

    bool ListsBase(IMergeMethod method) => _config.Models.Base is not null && method.BaseModel != BaseModelUse.NotUsed;

    /// <summary>merge.parameters that <paramref name="method"/> takes (with a method list, each is taken by at least one).</summary>
    ParameterSet FixedParameters(IMergeMethod method)
    {
        var fixedValues = _config.Merge.Parameters.Where(p => method.GlobalParameters.Any(s => s.Name == p.Key))
            .ToDictionary(p => p.Key, p => (ParameterSetting)new ParameterSetting.Scalar(p.Value));
        return fixedValues.Count == 0 ? ParameterSet.Empty : new ParameterSet(fixedValues);
    }

    static ParameterSet With(ParameterSet searched, ParameterSet fixedValues)
    {
        if (fixedValues.Values.Count == 0) return searched;
        var all = searched.Values.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, value) in fixedValues.Values) all[name] = value;
        return new ParameterSet(all);
    }

    /// <summary>
    /// Parameter settings of one slice source (or of the slice when <paramref name="model"/> is null): filtered
    /// entries for non-layer tensors first (first/last slice only), then the user's filters, then the default.
    /// Only parameters <paramref name="method"/> takes at that level: genes of other listed methods leave no trace,
    /// so two candidates that differ only there are the same recipe (and the score cache sees that).
    /// </summary>
    ParameterSet SettingsFor(IReadOnlyList<double> genes, int group, string? model, bool firstSlice, bool lastSlice, IMergeMethod method)
    {
        // What the method reads at this level: a parameter it accepts but never reads (task_arithmetic's density) is left out too.
        var takes = (model is null ? method.GlobalParameters : method.ModelParameters).Select(p => p.Name)
            .Intersect(SearchableParameters.Of(method).Select(p => p.Name)).ToHashSet();
        var result = new Dictionary<string, ParameterSetting>();
        var mine = Enumerable.Range(0, Dimension).Where(i => Genes[i].Model == model && !Genes[i].IsMethod && takes.Contains(Genes[i].Parameter)).ToList();
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
    /// The starting point (reference §2): weight 1/M, density 1, t 0.5, other parameters at the default of the
    /// first listed method that has them; the method gene(s) at the first listed method. Each clamped into its box.
    /// </summary>
    public double[] Initial()
    {
        int experts = _config.Models.Experts.Count;
        var specs = _methods.SelectMany(m => m.ModelParameters.Concat(m.GlobalParameters)).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        return Genes.Select(g => g.Categories is { } categories ? CategoryBins.Centre(0, categories.Count) : Math.Clamp(g.Parameter switch
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
        // t is slerp's (or nearswap's) interpolation factor; with the base listed, t = 1 is the expert's end.
        bool tListsBase = ListsBase(_methods.FirstOrDefault(m => m.GlobalParameters.Any(p => p.Name == "t")) ?? _methods[0]);
        var seeds = new List<double[]>();
        for (int e = 0; e < _config.Models.Experts.Count; e++)
        {
            string name = _config.Models.Experts[e].Name;
            var x = Initial();
            for (int i = 0; i < Dimension; i++)
            {
                var g = Genes[i];
                if (g.Parameter == "weight" && g.Model is not null) x[i] = Math.Clamp(g.Model == name ? 1.0 : 0.0, g.Min, g.Max);
                else if (g.Parameter == "t" && g.Model is null) x[i] = Math.Clamp(tListsBase ? 1.0 : e, g.Min, g.Max);
            }
            seeds.Add(x);
        }
        return seeds;
    }
}
