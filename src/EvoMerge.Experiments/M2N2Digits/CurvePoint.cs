namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Test accuracy (percent) of a method's representative model after some forward passes.</summary>
public readonly record struct CurvePoint(long ForwardPasses, double TestAccuracy);
