using EvoMerge.Experiments.M2N2Digits;

namespace EvoMerge.Experiments.Tests.M2N2Digits;

public class JaxThreefryTests
{
    [Theory]
    // Known-answer vectors of Random123's threefry2x32_20 (key, counter, output).
    [InlineData(0u, 0u, 0u, 0u, 0x6b200159u, 0x99ba4efeu)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x1cb996fcu, 0xbb002be7u)]
    [InlineData(0x13198a2eu, 0x03707344u, 0x243f6a88u, 0x85a308d3u, 0xc4923a9cu, 0x483df7a0u)]
    public void Hash_matches_the_random123_known_answers(uint k0, uint k1, uint x0, uint x1, uint y0, uint y1)
    {
        Assert.Equal((y0, y1), JaxThreefry.Hash((k0, k1), x0, x1));
    }

    [Fact]
    public void Split_of_key_zero_matches_jax()
    {
        // jax.random.split(jax.random.PRNGKey(0)) as JAX documents it.
        Assert.Equal([(4146024105u, 967050713u), (2718843009u, 1272950319u)], JaxThreefry.Split(JaxThreefry.Key(0), 2));
    }

    [Fact]
    public void Odd_counts_pad_the_counters_and_drop_the_last_word()
    {
        var key = JaxThreefry.Key(42);
        var five = JaxThreefry.Bits(key, 5);
        // Counters 0..4 padded with 0 to 6: pairs (0,3), (1,4), (2,0); outputs [y0 of each, y1 of each], last dropped.
        var (a0, a1) = JaxThreefry.Hash(key, 0, 3);
        var (b0, b1) = JaxThreefry.Hash(key, 1, 4);
        var (c0, _) = JaxThreefry.Hash(key, 2, 0);
        Assert.Equal([a0, b0, c0, a1, b1], five);
    }

    [Fact]
    public void Reference_starting_models_are_gaussian_with_scale_one_hundredth()
    {
        var models = ExpertPair.ReferenceStartingModels(19_210);
        Assert.Equal(2, models.Length);
        foreach (var model in models)
        {
            double mean = model.Average(), sd = Math.Sqrt(model.Sum(v => (v - mean) * (v - mean)) / model.Length);
            Assert.InRange(mean, -3e-4, 3e-4);
            Assert.InRange(sd, 0.0097, 0.0103);
        }
        // The two keys of the split give different models.
        Assert.NotEqual(models[0][0], models[1][0]);
        // First values, as the NumPy check (experiments/m2n2-digits/reference-check) derives them.
        Assert.Equal(-0.33507985f * 0.01f, (float)models[0][0]);
        Assert.Equal(1.0188495f * 0.01f, (float)models[0][1]);
    }

    [Theory]
    // Expected: erfinv in double precision of the float32 argument.
    [InlineData(0.5f, 0.4769362762044699)]
    [InlineData(0.9f, 1.1630870719457722)]
    [InlineData(-0.999f, -2.3267563267961546)] // the tail polynomial (w >= 5)
    [InlineData(0f, 0.0)]
    public void Erfinv_is_accurate_to_single_precision_in_both_branches(float x, double expected)
    {
        Assert.Equal(expected, XlaErfInv.Single(x), Math.Abs(expected) * 2e-6 + 1e-12);
    }

    [Fact]
    public void Erfinv_of_one_is_infinite()
    {
        Assert.Equal(float.PositiveInfinity, XlaErfInv.Single(1f));
        Assert.Equal(float.NegativeInfinity, XlaErfInv.Single(-1f));
    }

    [Theory]
    [InlineData("per-seed", ExpertInit.PerRunSeed)]
    [InlineData("Reference", ExpertInit.Reference)]
    public void Expert_init_names_parse(string text, ExpertInit expected) => Assert.Equal(expected, ExpertInitNames.Parse(text));

    [Fact]
    public void Unknown_expert_init_is_rejected() => Assert.Throws<ArgumentException>(() => ExpertInitNames.Parse("jax"));
}
