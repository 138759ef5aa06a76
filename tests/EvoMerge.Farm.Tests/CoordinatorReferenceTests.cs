using System.Reflection;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Tests.Support;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests;

/// <summary>A worker's client that has not yet learned the cluster's grain types (CI saw it on a busy machine).</summary>
public class CoordinatorReferenceTests
{
    [Fact]
    public async Task A_client_that_does_not_know_the_grain_types_yet_is_asked_again_until_it_does()
    {
        var coordinator = new ScriptedCoordinator([]);
        var client = NotYetKnowing.Create(refusals: 3, coordinator);
        var reference = await CoordinatorReference.ResolveAsync(client, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Same(coordinator, reference);
        Assert.Equal(4, ((NotYetKnowing)(object)client).Calls);
    }

    [Fact]
    public async Task A_client_that_never_learns_them_ends_as_connection_trouble_so_the_worker_connects_again()
    {
        var client = NotYetKnowing.Create(refusals: int.MaxValue, new ScriptedCoordinator([]));
        var error = await Assert.ThrowsAsync<FarmConnectionLostException>(
            () => CoordinatorReference.ResolveAsync(client, TimeSpan.FromMilliseconds(300), CancellationToken.None));
        Assert.Contains("Could not find an implementation", error.Message);
    }

    /// <summary>An <see cref="IGrainFactory"/> whose GetGrain refuses as Orleans does the first <c>refusals</c> times.</summary>
    public class NotYetKnowing : DispatchProxy
    {
        int refusals;
        object? grain;

        public int Calls { get; private set; }

        public static IGrainFactory Create(int refusals, IFarmCoordinatorGrain grain)
        {
            var proxy = Create<IGrainFactory, NotYetKnowing>();
            var self = (NotYetKnowing)(object)proxy;
            self.refusals = refusals;
            self.grain = grain;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IGrainFactory.GetGrain)) throw new NotSupportedException(targetMethod?.Name);
            Calls++;
            if (refusals-- > 0) throw new ArgumentException($"Could not find an implementation for interface {typeof(IFarmCoordinatorGrain)}");
            return grain;
        }
    }
}
