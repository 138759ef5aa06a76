using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests;

public class SlotEnvironmentTests
{
    [Fact]
    public void A_gpu_slot_s_command_sees_only_its_gpu_by_the_driver_s_id()
    {
        var slot = new WorkerSlot(1, "cuda:1", 16);
        Assert.Equal("1", SlotEnvironment.For(slot, null)[SlotEnvironment.VisibleDevices]);
        // A local worker started with CUDA_VISIBLE_DEVICES=4,6 calls them cuda:0 and cuda:1: its second is GPU 6.
        Assert.Equal("6", SlotEnvironment.For(slot, "4,6")[SlotEnvironment.VisibleDevices]);
        Assert.Equal("4", SlotEnvironment.For(slot with { Device = "cuda:0" }, "4, 6")[SlotEnvironment.VisibleDevices]);
    }

    [Fact]
    public void A_gpu_the_worker_does_not_see_is_refused_naming_the_slot()
    {
        var error = Assert.Throws<FarmSetupException>(() => SlotEnvironment.For(new WorkerSlot(2, "cuda:2", 1), "0,1"));
        Assert.Contains("slot 2: cuda:2 is not among the 2 GPU(s)", error.Message);
        Assert.Throws<FarmSetupException>(() => SlotEnvironment.For(new WorkerSlot(0, "cuda:x", 1), null));
    }

    [Fact]
    public void A_cpu_slot_s_command_gets_the_slot_s_share_of_the_threads()
    {
        var variables = SlotEnvironment.For(new WorkerSlot(0, null, 3), "0,1");
        Assert.Equal(("3", "3"), (variables["OMP_NUM_THREADS"], variables["MKL_NUM_THREADS"]));
        Assert.False(variables.ContainsKey(SlotEnvironment.VisibleDevices));
    }
}
