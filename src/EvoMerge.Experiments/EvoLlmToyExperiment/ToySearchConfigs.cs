using System.Globalization;
using EvoMerge.Experiments.EvoLlmToy;

namespace EvoMerge.Experiments.EvoLlmToyExperiment;

/// <summary>
/// The YAML of the three evolutionary searches (written next to the results, so each can be rerun with
/// `./run.sh search`): fitness is exact match on the target's dev split; the test split is never used.
/// PS: per-layer DARE-TIES weights and densities over base + both experts (Sakana's PS). DFS: a layer path
/// over both experts' layers, repeated 3 times, with input scales (Sakana's DFS). PS+DFS: the same with the
/// best PS recipe as a third source and head.
/// </summary>
public static class ToySearchConfigs
{
    public static string ParameterSpace(EvoLlmToyAssetPaths a, int evaluations, int maxNewTokens, ulong seed) => $"""
        # evollm-toy: parameter-space search (per-layer DARE-TIES, CMA-ES), fitness on target dev
        name: evollm-toy-ps
        seed: {seed}
        models:
          base: '{a.BaseModel}'
          experts: ['{a.ExpertA}', '{a.ExpertB}']
        merge:
          method: dare_ties
        genome:
          layer_granularity: 1
          search: [weight, density]
          bounds: {"{"}weight: [0, 1.5], density: [0.1, 1]{"}"}
        optimizer: {"{"}name: cmaes, sigma0: 0.3{"}"}
        budget: {"{"}evaluations: {N(evaluations)}{"}"}
        tasks:
          - {"{"}name: target, evaluator: language, kind: generation, data: '{a.TargetDev}', metric: exact_match, max_new_tokens: {N(maxNewTokens)}, batch_size: 32{"}"}
        """;

    public static string DataFlow(EvoLlmToyAssetPaths a, int evaluations, int maxNewTokens, ulong seed, string? includeMerge, string optimizer) => $"""
        # evollm-toy: data-flow search (layer path with input scales over both experts, {optimizer}), fitness on target dev
        name: evollm-toy-{(includeMerge is null ? "dfs" : "ps-dfs")}
        seed: {seed}
        models:
          experts: ['{a.ExpertA}', '{a.ExpertB}']
        genome:
          kind: data_flow
          repeats: 3
          scale_bounds: [0, 2]
        {(includeMerge is null ? "  head: expert_b" : $"  include_merge: '{includeMerge}'\n  head: merge")}
        optimizer: {"{"}name: {optimizer}, sigma0: 0.3{"}"}
        budget: {"{"}evaluations: {N(evaluations)}{"}"}
        tasks:
          - {"{"}name: target, evaluator: language, kind: generation, data: '{a.TargetDev}', metric: exact_match, max_new_tokens: {N(maxNewTokens)}, batch_size: 32{"}"}
        """;

    static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
