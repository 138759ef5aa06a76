using System.Globalization;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Restarts;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// Why the optimizer stopped, in words a user can act on: the criterion, its value and what to change.
/// A bare <see cref="StopReason"/> ("Tolerance") left users of an extended run guessing why it stopped at once.
/// </summary>
public static class OptimizerStopText
{
    public static IReadOnlyList<string> Describe(IAskTellOptimizer optimizer, OptimizerSpec spec)
    {
        var reasons = optimizer.Stop();
        if (reasons.Count == 0) return [];
        string sigma0 = N(spec.Sigma0 ?? CmaEsDescriptor.DefaultSigma0);
        return optimizer switch
        {
            CmaEs cma => Cma(spec.Name, cma, sigma0, Converged(spec.Name, sigma0)),
            RestartingCmaEs restarting => Cma(spec.Name, restarting.Current, sigma0,
                $"{spec.Name} has converged in the last of its {restarting.Runs} runs (1 + {restarting.Options.MaxRestarts} restarts): " +
                $"to search on, start a new run with another seed or a larger optimizer.sigma0 (now {sigma0})"),
            _ => reasons.Select(r => $"{spec.Name} stopped: {General(r)}").ToList(),
        };
    }

    /// <summary>Criteria that mean the distribution has collapsed onto a point: they share one remedy, given once.</summary>
    static readonly HashSet<string> Convergence = ["tolx", "tolfun", "tolfunhist", "tolstagnation", "noeffectcoord", "noeffectaxis"];

    static string Converged(string name, string sigma0) =>
        $"{name} has converged: to search on, start a new run with optimizer ipop-cmaes or bipop-cmaes " +
        $"(they restart with larger populations) or a larger optimizer.sigma0 (now {sigma0})";

    static List<string> Cma(string name, CmaEs cma, string sigma0, string converged)
    {
        var o = cma.Options;
        var criteria = cma.StopCriteria();
        var texts = criteria.Select(c => $"{name} stopped on " + c.Key switch
        {
            "tolx" => $"tolx: every coordinate's step (sigma times its spread) fell below tolx = {N(o.TolX)}",
            "tolfun" => $"tolfun: the best and worst values of the recent generations differ by less than tolfun = {N(o.TolFun)}",
            "tolfunhist" => $"tolfunhist: the best value changed by less than tolfunhist = {N(o.TolFunHist)} over the last 10 or more generations",
            "tolstagnation" => "tolstagnation: the median best value stopped improving over the recent generations",
            "noeffectcoord" => "noeffectcoord: a step of 0.2 standard deviations no longer changes some gene of the mean (floating-point precision reached)",
            "noeffectaxis" => "noeffectaxis: a step of 0.1 sigma along a principal axis no longer changes the mean (floating-point precision reached)",
            "tolconditioncov" => $"tolconditioncov: the covariance's condition number exceeded {N(o.TolConditionCov)}; the genes are badly scaled against each other (check genome.bounds); try sep-cmaes",
            "tolfacupx" => $"tolfacupx: the step grew over {N(o.TolFacUpX)} times sigma0 (now {sigma0}); sigma0 is far too small for the genome's bounds",
            "tolupsigma" => $"tolupsigma: sigma grew {N(o.TolUpSigma)} times faster than the distribution's axes, which signals a badly behaved fitness",
            "allfailed" => $"allfailed: every candidate failed in {o.MaxAllFailedGenerations} generations in a row; see the reason column of trials.csv",
            "numericalfailure" => "numericalfailure: the covariance update produced non-finite values",
            "maxiter" => $"maxiter: reached the generation limit after {cma.Generation} generations",
            _ => $"{c.Key}: {General(c.Value)}",
        }).ToList();
        if (criteria.Keys.Any(Convergence.Contains)) texts.Add(converged);
        return texts;
    }

    static string General(StopReason reason) => reason switch
    {
        StopReason.Stagnation => "the best value stopped improving over the stagnation window; start a new run with a larger population or another optimizer to search on",
        StopReason.AllFailed => "every candidate failed for several generations in a row; see the reason column of trials.csv",
        StopReason.Tolerance => "the population collapsed to one point (step size below tolerance); start a new run with a more diverse optimizer to search on",
        StopReason.NumericalFailure => "numerical trouble made further steps meaningless",
        StopReason.TargetReached => "the target value was reached",
        _ => $"its own limit ({reason})",
    };

    static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
