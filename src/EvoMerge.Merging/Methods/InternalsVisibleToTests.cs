using System.Runtime.CompilerServices;

// The torch fallbacks used on GPUs are tested on CPU tensors through internal entry points.
[assembly: InternalsVisibleTo("EvoMerge.Merging.Tests")]
