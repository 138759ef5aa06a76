namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>The two halves of the M2N2 figure: evolving from random models, or merging two pre-trained experts.</summary>
public enum DigitsPanel
{
    Scratch,
    Pretrained,
}
