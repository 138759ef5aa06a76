using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Torch;

// Proves the native TorchSharp library loads in the test host (on Debian 12 only thanks to the
// build's libstdc++ patch, see build/PatchLibTorchSharpGlibcxx.cs) and does real work.
public class TorchSharpLoadsTests
{
    [Fact]
    public void Matmul_matches_hand_computed_product()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        var c = matmul(a, b).data<float>().ToArray();
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c);
    }

    [Fact]
    public void Linear_module_forward_and_backward_give_analytic_gradients()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var layer = nn.Linear(3, 1);
        using (no_grad())
        {
            layer.weight!.copy_(tensor(new float[] { 1, -2, 0.5f }).reshape(1, 3));
            layer.bias!.fill_(held[0.25f]);
        }
        var x = tensor(new float[] { 2, 1, 4 }).reshape(1, 3);
        var y = layer.forward(x);
        Assert.Equal(2 - 2 + 2 + 0.25f, y.item<float>(), 5);
        y.sum().backward();
        // d(w.x + b)/dw = x and d/db = 1.
        Assert.Equal(new float[] { 2, 1, 4 }, layer.weight!.grad!.data<float>().ToArray());
        Assert.Equal(1f, layer.bias!.grad!.item<float>());
    }
}
