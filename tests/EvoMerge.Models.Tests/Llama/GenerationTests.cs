using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

public class GenerationTests
{
    static readonly long[][] Rows = [[3, 17, 5, 9, 22], [4, 8], [11, 2, 27]];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cache_equals_the_argmax_loop_and_each_padded_row_equals_the_row_alone(bool leftPadding)
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 11));
        var (ids, mask) = Pad(Rows, leftPadding);
        var cached = model.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 7 });
        var loop = model.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 7, UseKvCache = false });
        for (int row = 0; row < Rows.Length; row++)
        {
            Assert.Equal(7, cached[row].Tokens.Length);
            Assert.Equal(loop[row].Tokens, cached[row].Tokens);
            var alone = model.GenerateGreedy(tensor(Rows[row]).unsqueeze(0), null, new GenerationOptions { MaxNewTokens = 7 });
            Assert.Equal(alone[0].Tokens, cached[row].Tokens);
        }
    }

    [Fact]
    public void A_stop_token_ends_its_row_only_and_is_not_returned()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 12));
        var (ids, mask) = Pad(Rows, leftPadding: true);
        var free = model.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 6 });
        long stop = free[0].Tokens[2];
        var stopped = model.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = 6, StopTokenIds = [stop] });
        for (int row = 0; row < Rows.Length; row++)
        {
            int first = Array.IndexOf(free[row].Tokens, stop);
            var expected = first < 0 ? free[row].Tokens : free[row].Tokens[..first];
            Assert.Equal(expected, stopped[row].Tokens);
            Assert.Equal(first >= 0, stopped[row].Stopped);
        }

        Assert.True(stopped[0].Tokens.Length <= 2);
    }

    [Fact]
    public void Forward_of_a_padded_batch_equals_each_row_alone()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config(keyValueHeads: 4);
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 13));
        foreach (bool left in new[] { true, false })
        {
            var (ids, mask) = Pad(Rows, left);
            var batch = model.Forward(ids, mask);
            for (int row = 0; row < Rows.Length; row++)
            {
                var alone = model.Forward(tensor(Rows[row]).unsqueeze(0))[0];
                long start = left ? ids.shape[1] - Rows[row].Length : 0;
                var inBatch = batch[row].narrow(0, start, Rows[row].Length);
                Assert.True(inBatch.allclose(alone, rtol: 1e-5, atol: 1e-5), $"row {row}, left padding {left}");
            }
        }
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_reasons()
    {
        using var scope = NewDisposeScope();
        var config = TinyLlama.Config();
        using var model = LlamaModel.FromTensors(config, TinyLlama.RandomTensors(config, seed: 14));
        Assert.Contains("[0, 29)", Assert.Throws<ArgumentException>(() => model.Forward(tensor(new long[] { 1, 29 }).unsqueeze(0))).Message);
        Assert.Contains("at least one token", Assert.Throws<ArgumentException>(
            () => model.Forward(tensor(new long[] { 1, 2 }).unsqueeze(0), zeros(1, 2, ScalarType.Int64))).Message);
        Assert.Contains("MaxNewTokens", Assert.Throws<ArgumentException>(
            () => model.GenerateGreedy(tensor(new long[] { 1 }).unsqueeze(0), null, new GenerationOptions { MaxNewTokens = 0 })).Message);
    }

    static (Tensor Ids, Tensor Mask) Pad(long[][] rows, bool leftPadding)
    {
        int width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (int row = 0; row < rows.Length; row++)
        {
            int start = leftPadding ? width - rows[row].Length : 0;
            for (int i = 0; i < rows[row].Length; i++)
            {
                ids[row * width + start + i] = rows[row][i];
                mask[row * width + start + i] = 1;
            }
        }

        return (tensor(ids).view(rows.Length, width), tensor(mask).view(rows.Length, width));
    }
}
