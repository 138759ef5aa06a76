namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// The magnitude found at one rank of |d| in ascending order, with how many entries are strictly
/// smaller and how many are equal to it (ties need both to keep an exact count).
/// </summary>
public readonly record struct MagnitudeBoundary(double Value, long CountBelow, long CountEqual);
