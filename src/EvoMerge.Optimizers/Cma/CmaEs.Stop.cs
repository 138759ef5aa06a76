using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

public sealed partial class CmaEs
{
    public IReadOnlySet<StopReason> Stop() => new HashSet<StopReason>(StopCriteria().Values);

    /// <summary>
    /// The stop criteria met now, by pycma's names: ftarget, maxfevals, maxiter, tolx, tolfun,
    /// tolfunhist, tolstagnation, tolconditioncov, tolfacupx, tolupsigma, noeffectcoord,
    /// noeffectaxis, plus allfailed and numericalfailure. Criteria on the distribution are checked
    /// only after a completed generation.
    /// </summary>
    public IReadOnlyDictionary<string, StopReason> StopCriteria()
    {
        var met = new Dictionary<string, StopReason>();
        var o = _options;
        if (o.TargetValue is { } target && _bestGenes is not null && _bestValue <= target) met["ftarget"] = StopReason.TargetReached;
        if (o.MaxEvaluations is { } maxEvals && _evaluations >= maxEvals) met["maxfevals"] = StopReason.EvaluationBudget;
        if (_completedGenerations >= _p.MaxGenerations) met["maxiter"] = StopReason.GenerationBudget;
        if (_allFailedStreak >= o.MaxAllFailedGenerations) met["allfailed"] = StopReason.AllFailed;
        if (_numericalFailure) met["numericalfailure"] = StopReason.NumericalFailure;
        if (_completedGenerations == 0 || _history.RecentBest.Count == 0) return met;

        if (TolXMet()) met["tolx"] = StopReason.Tolerance;
        double recentRange = CmaFitnessHistory.Range(_history.RecentBest);
        if (_history.LastWorst - _history.LastBest < o.TolFun && recentRange < o.TolFun) met["tolfun"] = StopReason.Tolerance;
        if (_history.RecentBest.Count > 9 && recentRange < o.TolFunHist) met["tolfunhist"] = StopReason.Tolerance;
        if (_p.TolStagnation > 0 && _completedGenerations > _n * (5 + 100.0 / _p.Lambda)
            && _history.Stagnates(_p.TolStagnation))
            met["tolstagnation"] = StopReason.Stagnation;
        if (_covariance.ConditionNumber > o.TolConditionCov) met["tolconditioncov"] = StopReason.NumericalFailure;
        if (AnyStdAbove(o.Sigma0 * o.TolFacUpX)) met["tolfacupx"] = StopReason.NumericalFailure;
        if (_sigma / o.Sigma0 > o.TolUpSigma * _covariance.MaxAxisLength) met["tolupsigma"] = StopReason.NumericalFailure;
        if (NoEffectCoordinate()) met["noeffectcoord"] = StopReason.Tolerance;
        if (Mode == CmaCovarianceMode.Full && NoEffectAxis()) met["noeffectaxis"] = StopReason.Tolerance;
        return met;
    }

    bool TolXMet()
    {
        for (int i = 0; i < _n; i++)
            if (_sigma * Math.Abs(_pc[i]) >= _options.TolX || _sigma * Math.Sqrt(_covariance.Variance(i)) >= _options.TolX)
                return false;
        return true;
    }

    bool AnyStdAbove(double limit)
    {
        for (int i = 0; i < _n; i++)
            if (_sigma * Math.Sqrt(_covariance.Variance(i)) > limit) return true;
        return false;
    }

    /// <summary>Adding 0.2 standard deviations to some coordinate of the mean leaves it unchanged.</summary>
    bool NoEffectCoordinate()
    {
        for (int i = 0; i < _n; i++)
            if (_mean[i] == _mean[i] + 0.2 * _sigma * Math.Sqrt(_covariance.Variance(i))) return true;
        return false;
    }

    /// <summary>Adding 0.1 sigma times a principal axis (cycling through them) leaves the mean unchanged.</summary>
    bool NoEffectAxis()
    {
        var axis = new double[_n];
        _covariance.PrincipalAxis((int)(_completedGenerations % _n), axis);
        for (int i = 0; i < _n; i++)
            if (_mean[i] != _mean[i] + 0.1 * _sigma * axis[i]) return false;
        return true;
    }
}
