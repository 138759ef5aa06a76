using EvoMerge.Experiments.Memory;

namespace EvoMerge.Experiments.Tests.Memory;

/// <summary>/proc/self/status lines as Linux writes them: a tab, then the number padded with spaces up to 8 digits.</summary>
public sealed class ProcessMemorySamplerTests
{
    [Theory]
    [InlineData("RssAnon:\t  412340 kB", 412340L * 1024)]
    [InlineData("VmHWM:\t 9999999 kB", 9999999L * 1024)]
    [InlineData("VmHWM:\t10123456 kB", 10123456L * 1024)]   // 10 GB and more: no space after the tab
    public void Status_lines_read_as_bytes(string line, long bytes) => Assert.Equal(bytes, ProcessMemorySampler.Kilobytes(line));
}
