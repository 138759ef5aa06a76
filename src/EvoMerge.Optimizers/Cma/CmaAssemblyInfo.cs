using System.Runtime.CompilerServices;

// The differential tests compare the full and diagonal covariance models directly.
[assembly: InternalsVisibleTo("EvoMerge.Optimizers.Tests")]
