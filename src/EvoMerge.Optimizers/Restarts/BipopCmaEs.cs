using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Restarts;

/// <summary>
/// BIPOP-CMA-ES (Hansen 2009, "Benchmarking a BI-Population CMA-ES on the BBOB-2009 Function
/// Testbed"). Two restart regimes share the budget: the large one doubles the population on each of
/// its runs (as IPOP) with sigma0; the small one draws lambda_s = floor(lambda_def * (lambda_l /
/// (2 lambda_def))^(U^2)) and sigma_s = sigma0 * 10^(-2U), U uniform in [0, 1], lambda_l the
/// current large population, and may spend at most half the evaluations of the last large run.
/// The first run counts as large; each restart picks the regime that has spent fewer evaluations.
/// </summary>
public sealed class BipopCmaEs : RestartingCmaEs
{
    public const string OptimizerName = "bipop-cmaes";

    int _largeRuns = 1;
    long _largeEvaluations;
    long _smallEvaluations;
    long _lastLargeRunEvaluations;
    bool _currentIsLarge = true;

    public BipopCmaEs(CmaRestartOptions options) : base(options) { }

    public override string Name => OptimizerName;

    /// <summary>Whether the run in progress belongs to the large-population regime.</summary>
    public bool CurrentRunIsLarge => _currentIsLarge;
    public long LargeRegimeEvaluations => _largeEvaluations;
    public long SmallRegimeEvaluations => _smallEvaluations;

    protected override void OnRunFinished(long runEvaluations)
    {
        if (_currentIsLarge)
        {
            _largeEvaluations += runEvaluations;
            _lastLargeRunEvaluations = runEvaluations;
        }
        else
        {
            _smallEvaluations += runEvaluations;
        }
    }

    protected override CmaEsOptions NextRunOptions(CmaEsOptions template)
    {
        double largeLambda = DefaultPopulationSize * Math.Pow(Options.PopulationIncrease, _largeRuns);
        if (_smallEvaluations < _largeEvaluations)
        {
            _currentIsLarge = false;
            double u = Random.NextDouble();
            double v = Random.NextDouble();
            int lambda = Math.Max(2, (int)Math.Floor(DefaultPopulationSize * Math.Pow(largeLambda / (2.0 * DefaultPopulationSize), u * u)));
            long cap = Math.Max(lambda, _lastLargeRunEvaluations / 2);
            return template with
            {
                PopulationSize = lambda,
                Sigma0 = Options.Base.Sigma0 * Math.Pow(10, -2 * v),
                MaxEvaluations = template.MaxEvaluations is { } remaining ? Math.Min(remaining, cap) : cap,
            };
        }
        _currentIsLarge = true;
        _largeRuns++;
        return template with { PopulationSize = (int)Math.Round(largeLambda) };
    }

    protected override JsonObject ExportPolicy() => new()
    {
        ["largeRuns"] = _largeRuns,
        ["largeEvaluations"] = _largeEvaluations,
        ["smallEvaluations"] = _smallEvaluations,
        ["lastLargeRunEvaluations"] = _lastLargeRunEvaluations,
        ["currentIsLarge"] = _currentIsLarge,
    };

    protected override void RestorePolicy(JsonObject policy)
    {
        _largeRuns = CmaJson.Required<int>(policy["largeRuns"], "policy.largeRuns");
        _largeEvaluations = CmaJson.Required<long>(policy["largeEvaluations"], "policy.largeEvaluations");
        _smallEvaluations = CmaJson.Required<long>(policy["smallEvaluations"], "policy.smallEvaluations");
        _lastLargeRunEvaluations = CmaJson.Required<long>(policy["lastLargeRunEvaluations"], "policy.lastLargeRunEvaluations");
        _currentIsLarge = CmaJson.Required<bool>(policy["currentIsLarge"], "policy.currentIsLarge");
    }

    public static BipopCmaEs Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var bipop = new BipopCmaEs(ReadOptions(state, OptimizerName));
        bipop.RestoreFrom(state);
        return bipop;
    }
}
