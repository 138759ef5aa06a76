using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Randomness;

/// <summary>
/// The expected values were given by the mixes that trial seeds, fitness subsets and tensor seeds each had
/// before they shared <see cref="SeedMix"/>: journals and merged models of existing runs depend on them.
/// </summary>
public class SeedMixTests
{
    [Theory]
    [InlineData(0UL, 0L, 44227343797679L)]
    [InlineData(42UL, 7L, 119135056988611L)]
    [InlineData(12345678901234567UL, 1000L, 122732485088197L)]
    [InlineData(ulong.MaxValue, 3L, 38908857563641L)]
    public void An_index_seed_is_the_one_trial_seeds_were_drawn_with(ulong seed, long index, long trialSeed) =>
        Assert.Equal(trialSeed, (long)(SeedMix.ForIndex(seed, index) & 0x7FFF_FFFF_FFFFUL));

    [Theory]
    [InlineData(0UL, "model.layers.0.mlp.up_proj.weight", 6122045452358457190UL)]
    [InlineData(42UL, "lm_head.weight", 2013709931756878215UL)]
    [InlineData(unchecked((ulong)-5L), "", 2037430626247130788UL)]
    public void A_name_seed_is_the_one_tensor_seeds_were_drawn_with(ulong seed, string name, ulong tensorSeed) =>
        Assert.Equal(tensorSeed, SeedMix.ForName(seed, name) & 0x7FFF_FFFF_FFFF_FFFFUL);

    [Theory]
    [InlineData("sst2", 9506750375655714821UL)]
    [InlineData("", 14695981039346656037UL)]
    public void A_name_hash_is_fnv1a_of_its_utf16_code_units(string name, ulong hash) =>
        Assert.Equal(hash, SeedMix.NameHash(name));

    [Fact]
    public void Neighbouring_indices_and_names_get_unrelated_seeds()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => SeedMix.ForIndex(7, i))
            .Concat(Enumerable.Range(0, 1000).Select(i => SeedMix.ForName(7, $"layer.{i}"))).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        // About half the bits differ between neighbours: no low-bit patterns a seeded stream could echo.
        double meanFlips = seeds.Zip(seeds.Skip(1)).Average(p => (double)ulong.PopCount(p.First ^ p.Second));
        Assert.InRange(meanFlips, 30, 34);
    }
}
