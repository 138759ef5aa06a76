using System.Runtime.CompilerServices;

// The piecewise checkpoint copy is tested with a small piece size through an internal load option.
[assembly: InternalsVisibleTo("EvoMerge.Models.Tests")]
