using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.TaskArithmeticFamily;

namespace EvoMerge.Search.Config;

/// <summary>
/// Which parameters of a registered merge method a search may turn into genes. A method accepts some
/// parameters a gene could not usefully vary: flags, settings that only steer a numeric solver, and
/// mergekit-compatible parameters the method never reads (task_arithmetic's density). Genes on those
/// would change nothing, or only numerical noise, so the config is refused instead.
/// </summary>
public static class SearchableParameters
{
    // Division guards and iteration controls: the merge they steer is the same one, only more or less exact.
    static readonly HashSet<string> SolverSettings = ["eps", "max_iter", "tol"];

    /// <summary>The method's searchable parameters: per-model ones first, then global ones, in registry order.</summary>
    public static IReadOnlyList<ParameterSpec> Of(IMergeMethod method) =>
        All(method).Where(p => WhyNot(method, p) is null).ToList();

    /// <summary>Every parameter the method accepts, per-model first.</summary>
    public static IEnumerable<ParameterSpec> All(IMergeMethod method) => method.ModelParameters.Concat(method.GlobalParameters);

    /// <summary>Null when <paramref name="parameter"/> can be searched, else the reason it cannot.</summary>
    public static string? WhyNot(IMergeMethod method, ParameterSpec parameter)
    {
        if (parameter.Kind == ParameterKind.Boolean)
            return "is a flag; set it under merge.parameters instead";
        if (SolverSettings.Contains(parameter.Name))
            return $"only tunes {method.Name}'s numerics, not the merge; set it under merge.parameters instead";
        if (method is TaskArithmeticFamilyMethod { Variant.Sparsification: SparsificationKind.None } && parameter.Name == "density")
            return $"is accepted for mergekit compatibility but {method.Name} never sparsifies, so it changes nothing";
        return null;
    }

    /// <summary>
    /// With a method list (the method is a gene): the parameters any listed method can search, each once, in the
    /// order of first appearance. A gene exists when some method reads it; the others ignore it.
    /// </summary>
    public static IReadOnlyList<ParameterSpec> Of(IReadOnlyList<IMergeMethod> methods) =>
        methods.SelectMany(Of).GroupBy(p => p.Name).Select(g => g.First()).ToList();

    /// <summary>Null when some listed method can search <paramref name="name"/>, else the first method's reason.</summary>
    public static string? WhyNot(IReadOnlyList<IMergeMethod> methods, string name)
    {
        string? reason = null;
        foreach (var method in methods)
        {
            if (All(method).FirstOrDefault(p => p.Name == name) is not { } spec) continue;
            if (WhyNot(method, spec) is not { } why) return null;
            reason ??= why;
        }
        return reason;
    }

    /// <summary>Null unless <paramref name="name"/> is a per-model parameter of one listed method and a global one of another.</summary>
    public static string? ScopeConflict(IReadOnlyList<IMergeMethod> methods, string name)
    {
        var perModel = methods.FirstOrDefault(m => m.ModelParameters.Any(p => p.Name == name) && Of(m).Any(p => p.Name == name));
        var global = methods.FirstOrDefault(m => m.GlobalParameters.Any(p => p.Name == name) && Of(m).Any(p => p.Name == name));
        return perModel is null || global is null || perModel == global
            ? null
            : $"is a per-model parameter of {perModel.Name} but a global one of {global.Name}";
    }

    /// <summary>Whether <paramref name="method"/> is a registered merge method a search can vary.</summary>
    public static bool IsSearchableMethod(string method) =>
        MergeMethodRegistry.TryGet(method, out var m) && WhyMethodCannotBeSearched(m) is null;

    /// <summary>Null when the method has something to search, else why a search cannot use it.</summary>
    public static string? WhyMethodCannotBeSearched(IMergeMethod method)
    {
        if (method.Name == "passthrough")
            return "stacks layers instead of mixing values; use a frankenmerge config with `./run.sh merge` instead";
        if (Of(method).Count > 0) return null;
        var accepted = All(method).Select(p => p.Name).ToList();
        string what = accepted.Count == 0
            ? "takes no parameters at all"
            : $"takes only {string.Join(", ", accepted)}, which a search cannot vary";
        return $"{what}, so every candidate would be the same merge; merge it with `./run.sh merge`, or search a method with weights such as multislerp or task_arithmetic";
    }
}
