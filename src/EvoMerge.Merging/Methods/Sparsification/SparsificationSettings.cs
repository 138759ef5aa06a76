using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>One model's sparsification parameters for one tensor.</summary>
/// <param name="Density">Fraction kept, in (0, 1].</param>
/// <param name="Gamma">Breadcrumbs: fraction of largest magnitudes dropped.</param>
/// <param name="Epsilon">DELLA: half-width of the keep-probability range.</param>
/// <param name="Generator">Source of every random draw (random methods need it).</param>
/// <param name="Where">"tensor 'x', model 'm'", for messages.</param>
public sealed record SparsificationSettings(double Density, double Gamma, double Epsilon, Generator? Generator, string Where);
