namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Fits a 2PL model to a response matrix (rows: calibration models, columns: examples; entries the
/// per-example score in [0, 1], usually 0/1 correctness) by regularized maximum likelihood
/// (maximum a posteriori under <see cref="IrtFitOptions"/>' priors). Alternating Newton steps: with
/// abilities fixed each item is a 2-parameter logistic regression, with items fixed each ability is a
/// 1-parameter one; both are concave, so every step raises the log posterior. After each sweep the
/// abilities are standardized to mean 0 and sd 1 (the scale 2PL cannot identify) and the items are
/// re-expressed on that scale. Deterministic: the same matrix gives the same model.
/// </summary>
public static class IrtFitter
{
    public static IrtModel Fit(double[][] responses, IrtFitOptions? options = null)
    {
        options ??= IrtFitOptions.Default;
        Validate(responses);
        int models = responses.Length, items = responses[0].Length;

        var theta = InitialAbilities(responses);
        var slope = new double[items];
        var intercept = new double[items];
        for (int i = 0; i < items; i++)
        {
            double p = 0;
            for (int j = 0; j < models; j++) p += responses[j][i];
            p = (p + 0.5) / (models + 1);
            slope[i] = 1;
            intercept[i] = Math.Log(p / (1 - p));
        }

        double previous = double.NegativeInfinity, current = previous;
        int sweep = 0;
        while (sweep < options.MaxSweeps)
        {
            sweep++;
            for (int i = 0; i < items; i++) NewtonItem(responses, i, theta, ref slope[i], ref intercept[i], options);
            for (int j = 0; j < models; j++) theta[j] = NewtonAbility(responses[j], slope, intercept, theta[j]);
            Standardize(theta, slope, intercept);
            current = LogPosterior(responses, theta, slope, intercept, options);
            if (Math.Abs(current - previous) <= options.Tolerance * (1 + Math.Abs(current))) break;
            previous = current;
        }

        var parameters = new ItemParameters[items];
        for (int i = 0; i < items; i++)
            parameters[i] = new ItemParameters(slope[i], DifficultyOf(slope[i], intercept[i]));
        return new IrtModel(parameters, theta, sweep, current);
    }

    /// <summary><c>b = -c / a</c>, kept finite for items that barely discriminate.</summary>
    static double DifficultyOf(double a, double c)
    {
        const double minimumSlope = 1e-3;
        double safe = Math.Abs(a) < minimumSlope ? (a < 0 ? -minimumSlope : minimumSlope) : a;
        return -c / safe;
    }

    static void Validate(double[][] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Length < 2) throw new ArgumentException("IRT calibration needs responses of at least two models.", nameof(responses));
        int items = responses[0]?.Length ?? 0;
        if (items < 1) throw new ArgumentException("IRT calibration needs at least one example.", nameof(responses));
        for (int j = 0; j < responses.Length; j++)
        {
            if (responses[j] is null || responses[j].Length != items)
                throw new ArgumentException($"Calibration model {j} has {responses[j]?.Length ?? 0} responses; every model needs one per example ({items}).", nameof(responses));
            for (int i = 0; i < items; i++)
                if (!(responses[j][i] >= 0 && responses[j][i] <= 1))
                    throw new ArgumentException($"Calibration model {j}, example {i}: score {responses[j][i]} is outside [0, 1].", nameof(responses));
        }
    }

    static double[] InitialAbilities(double[][] responses)
    {
        var theta = new double[responses.Length];
        for (int j = 0; j < responses.Length; j++)
        {
            double p = (responses[j].Sum() + 0.5) / (responses[j].Length + 1);
            theta[j] = Math.Log(p / (1 - p));
        }
        var (mean, sd) = MeanSd(theta);
        for (int j = 0; j < theta.Length; j++) theta[j] = sd > 1e-12 ? (theta[j] - mean) / sd : 0;
        return theta;
    }

    static void NewtonItem(double[][] responses, int item, double[] theta, ref double a, ref double c, IrtFitOptions options)
    {
        double precisionA = 1 / (options.DiscriminationPriorSd * options.DiscriminationPriorSd);
        double precisionC = 1 / (options.InterceptPriorSd * options.InterceptPriorSd);
        for (int step = 0; step < 3; step++)
        {
            double ga = -(a - 1) * precisionA, gc = -c * precisionC;
            double haa = precisionA, hac = 0, hcc = precisionC; // negative Hessian
            for (int j = 0; j < theta.Length; j++)
            {
                double p = TwoParameterLogistic.Sigmoid(a * theta[j] + c);
                double residual = responses[j][item] - p, w = p * (1 - p);
                ga += residual * theta[j];
                gc += residual;
                haa += w * theta[j] * theta[j];
                hac += w * theta[j];
                hcc += w;
            }
            double det = haa * hcc - hac * hac;
            if (!(det > 0)) return;
            double da = (hcc * ga - hac * gc) / det, dc = (haa * gc - hac * ga) / det;
            a += da;
            c += dc;
            if (Math.Abs(da) + Math.Abs(dc) < 1e-10) return;
        }
    }

    /// <summary>One-dimensional Newton for the MAP ability under a N(0, 1) prior; also used by <see cref="AbilityEstimate"/>.</summary>
    internal static double NewtonAbility(IReadOnlyList<double> answers, double[] slope, double[] intercept, double start, IReadOnlyList<int>? itemIndices = null)
    {
        double theta = start;
        int count = itemIndices?.Count ?? answers.Count;
        for (int step = 0; step < 20; step++)
        {
            double gradient = -theta, information = 1;
            for (int k = 0; k < count; k++)
            {
                int i = itemIndices?[k] ?? k;
                double p = TwoParameterLogistic.Sigmoid(slope[i] * theta + intercept[i]);
                gradient += slope[i] * (answers[k] - p);
                information += slope[i] * slope[i] * p * (1 - p);
            }
            // Damped so a long run of all-correct answers cannot throw theta far in one step.
            double change = Math.Clamp(gradient / information, -1, 1);
            theta = Math.Clamp(theta + change, -8, 8);
            if (Math.Abs(change) < 1e-10) break;
        }
        return theta;
    }

    static void Standardize(double[] theta, double[] slope, double[] intercept)
    {
        var (mean, sd) = MeanSd(theta);
        if (!(sd > 1e-12)) return;
        for (int j = 0; j < theta.Length; j++) theta[j] = (theta[j] - mean) / sd;
        // a theta_old + c = a (sd theta_new + mean) + c
        for (int i = 0; i < slope.Length; i++)
        {
            intercept[i] += slope[i] * mean;
            slope[i] *= sd;
        }
    }

    static double LogPosterior(double[][] responses, double[] theta, double[] slope, double[] intercept, IrtFitOptions options)
    {
        double total = 0;
        for (int j = 0; j < theta.Length; j++)
        {
            total -= 0.5 * theta[j] * theta[j];
            for (int i = 0; i < slope.Length; i++)
            {
                double z = slope[i] * theta[j] + intercept[i];
                // log sigma(z) = -softplus(-z), log(1 - sigma(z)) = -softplus(z)
                double y = responses[j][i];
                total -= y * Softplus(-z) + (1 - y) * Softplus(z);
            }
        }
        for (int i = 0; i < slope.Length; i++)
        {
            double da = (slope[i] - 1) / options.DiscriminationPriorSd, dc = intercept[i] / options.InterceptPriorSd;
            total -= 0.5 * (da * da + dc * dc);
        }
        return total;
    }

    static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    static (double Mean, double Sd) MeanSd(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        return (mean, Math.Sqrt(variance));
    }
}
