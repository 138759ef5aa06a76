using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Tests.Irt;

/// <summary>
/// Answers of a family of models with two skills, as merges of two experts have: item <c>i</c> tests skill
/// <c>i mod 2</c> and has a difficulty <c>u_i ~ U(0, 1)</c>; a model with skill levels <c>(s_0, s_1)</c> in [0, 1]
/// answers it right when <c>u_i &lt; 0.1 + 0.85 s_(i mod 2)</c>, and each answer is flipped with probability 0.03.
/// Models with close skills answer alike, which one ability (2PL) cannot express.
/// </summary>
sealed class TwoSkillResponses
{
    public TwoSkillResponses(int models, int items, ulong seed)
    {
        var rng = new Rng(seed);
        var difficulty = Enumerable.Range(0, items).Select(_ => rng.NextDouble()).ToArray();
        Responses = new double[models][];
        for (int m = 0; m < models; m++)
        {
            double[] skill = [rng.NextDouble(), rng.NextDouble()];
            Responses[m] = new double[items];
            for (int i = 0; i < items; i++)
            {
                bool right = difficulty[i] < 0.1 + 0.85 * skill[i % 2];
                if (rng.NextDouble() < 0.03) right = !right;
                Responses[m][i] = right ? 1 : 0;
            }
        }
    }

    public double[][] Responses { get; }
}
