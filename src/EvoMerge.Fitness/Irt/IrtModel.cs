namespace EvoMerge.Fitness.Irt;

/// <summary>A fitted 2PL model: parameters per item (example) and the abilities of the calibration models.</summary>
public sealed record IrtModel(ItemParameters[] Items, double[] Abilities, int Sweeps, double LogPosterior)
{
    public int ItemCount => Items.Length;
}
