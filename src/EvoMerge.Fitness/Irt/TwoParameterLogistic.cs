namespace EvoMerge.Fitness.Irt;

/// <summary>The 2-parameter logistic item response function, <c>P(y = 1) = 1 / (1 + exp(-a (theta - b)))</c>.</summary>
public static class TwoParameterLogistic
{
    public static double Probability(double a, double b, double theta) => Sigmoid(a * (theta - b));

    /// <summary>Logistic function computed without overflow for large negative arguments.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
