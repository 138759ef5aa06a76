namespace EvoMerge.Fitness.Irt;

/// <summary>
/// One example's 2PL parameters: discrimination <c>a_i</c> and difficulty <c>b_i</c>; a model of
/// ability <c>theta</c> answers it correctly with probability <c>sigma(a_i (theta - b_i))</c>.
/// </summary>
public readonly record struct ItemParameters(double A, double B)
{
    public double Probability(double theta) => TwoParameterLogistic.Probability(A, B, theta);
}
