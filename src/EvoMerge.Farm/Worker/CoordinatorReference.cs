using System.Diagnostics;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// The coordinator grain's reference for a worker's client. The client learns the cluster's grain types from the
/// gateway after it has connected, and until then Orleans refuses the reference (an ArgumentException, "Could not
/// find an implementation for interface"); a coordinator busy on a loaded machine can answer late (seen on CI), so
/// wait for it a while, then start over with a new connection like any other connection trouble.
/// </summary>
public static class CoordinatorReference
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <exception cref="FarmConnectionLostException">The grain types did not come within <paramref name="patience"/>.</exception>
    public static async Task<IFarmCoordinatorGrain> ResolveAsync(IGrainFactory client, TimeSpan patience, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return client.GetGrain<IFarmCoordinatorGrain>(0);
            }
            catch (ArgumentException) when (waited.Elapsed < patience)
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException error)
            {
                throw new FarmConnectionLostException(
                    $"the coordinator's grain types did not reach this worker within {patience.TotalSeconds:0.#} s ({error.Message}); connecting again.");
            }
        }
    }
}
