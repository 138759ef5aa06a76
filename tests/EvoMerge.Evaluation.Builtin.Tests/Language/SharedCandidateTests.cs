using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>
/// A candidate the materializer left in TorchSharp memory is run on in place: the model holds no second copy of the
/// weights (the 2 x model of a language search), gives the same logits bit for bit, and may outlive the candidate.
/// </summary>
public sealed unsafe class SharedCandidateTests
{
    private static readonly long[] Ids = TinyLm.Ids("the cat sat on a mat");

    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float32)]
    public void The_model_runs_on_the_candidates_memory_without_a_copy(ScalarType dtype)
    {
        using var candidate = TorchCandidate(seed: 4, dtype);
        using var built = MergedLlama.Build(candidate, TinyLm.Config(), new LlamaLoadOptions { DType = dtype });

        Assert.Equal(candidate.Tensors.Count, built.Model.Tensors.Count);
        foreach (var (name, weight) in built.Model.Tensors)
        {
            Assert.Equal(Address(candidate.Tensors[name]), Address(weight));
        }
    }

    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float32)]
    public void Shared_and_copied_weights_give_the_same_logits_bit_for_bit(ScalarType dtype)
    {
        var options = new LlamaLoadOptions { DType = dtype };
        using var shared = TorchCandidate(seed: 5, dtype);
        using var copied = ByteCandidate(shared);
        using var onShared = MergedLlama.Build(shared, TinyLm.Config(), options);
        using var onCopy = MergedLlama.Build(copied, TinyLm.Config(), options);

        Assert.NotEqual(Address(shared.Tensors[LlamaTensorNames.Embedding]), Address(onCopy.Model.Embedding));
        Assert.Equal(Logits(onCopy.Model), Logits(onShared.Model));
    }

    [Fact]
    public void The_model_outlives_the_candidate_it_shares()
    {
        var candidate = TorchCandidate(seed: 6, ScalarType.BFloat16);
        using var copied = ByteCandidate(candidate);
        using var reference = MergedLlama.Build(copied, TinyLm.Config(), new LlamaLoadOptions { DType = ScalarType.BFloat16 });
        using var built = MergedLlama.Build(candidate, TinyLm.Config(), new LlamaLoadOptions { DType = ScalarType.BFloat16 });

        // A data-flow search frees the merged candidate and keeps the model built from it.
        candidate.Dispose();

        Assert.All(candidate.Tensors.Values, t => Assert.True(t.IsDisposed));
        Assert.Equal(Logits(reference.Model), Logits(built.Model));
    }

    [Fact]
    public void A_candidate_of_another_dtype_is_converted_into_a_copy()
    {
        using var candidate = TorchCandidate(seed: 7, ScalarType.BFloat16);
        using var built = MergedLlama.Build(candidate, TinyLm.Config(), new LlamaLoadOptions { DType = ScalarType.Float32 });

        Assert.Equal(ScalarType.Float32, built.Model.Embedding.dtype);
        Assert.NotEqual(Address(candidate.Tensors[LlamaTensorNames.Embedding]), Address(built.Model.Embedding));
    }

    /// <summary>Seeded random weights in TorchSharp tensors of <paramref name="dtype"/>, wrapped as the materializer does.</summary>
    private static MergedModel TorchCandidate(ulong seed, ScalarType dtype)
    {
        var weights = RandomLlamaWeights.Create(TinyLm.Config(), seed);
        var tensors = new List<KeyValuePair<string, MergedTensor>>();
        foreach (var (name, weight) in weights)
        {
            var stored = weight.to(dtype).contiguous().DetachFromDisposeScope();
            weight.Dispose();
            var safeTensorDType = dtype == ScalarType.BFloat16 ? SafeTensorDType.BF16 : SafeTensorDType.F32;
            tensors.Add(new(name, MergedTensor.Wrap(safeTensorDType, stored.shape, Address(stored), stored)));
        }

        return new MergedModel(tensors);
    }

    /// <summary>The same bytes in managed memory, which the model can only copy.</summary>
    private static MergedModel ByteCandidate(MergedModel source) => new(source.Tensors.Select(t => new KeyValuePair<string, MergedTensor>(
        t.Key, MergedTensor.FromBytes(t.Value.DType, t.Value.ShapeArray(), t.Value.Bytes.ToArray()))));

    private static float[] Logits(LlamaModel model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.Forward(tensor(Ids, [1, Ids.Length])).to(ScalarType.Float32).data<float>().ToArray();
    }

    private static IntPtr Address(Tensor tensor)
    {
        fixed (byte* start = tensor.bytes)
        {
            return (IntPtr)start;
        }
    }

    private static IntPtr Address(MergedTensor tensor)
    {
        using var pin = tensor.Pin();
        return (IntPtr)pin.Pointer;
    }
}
