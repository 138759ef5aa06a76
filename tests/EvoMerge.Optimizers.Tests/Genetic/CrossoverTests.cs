using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Genetic.Crossover;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class CrossoverTests
{
    static readonly Bounds Box = new(new[] { -1.0, 0, 10, -5, 0 }, new[] { 1.0, 1, 20, 5, 0.001 });

    public static TheoryData<string> All => new() { "uniform", "one_point", "two_point", "blend", "sbx", "sbx_eta0" };

    static ICrossover Make(string name) => name switch
    {
        "uniform" => new UniformCrossover(),
        "one_point" => new OnePointCrossover(),
        "two_point" => new TwoPointCrossover(),
        "blend" => new BlendCrossover(0.5),
        "sbx" => new SimulatedBinaryCrossover(15, 0.5),
        _ => new SimulatedBinaryCrossover(0, 1),
    };

    static Chromosome RandomIn(Bounds b, Rng rng) =>
        new(Enumerable.Range(0, b.Dimension).Select(i => rng.NextDouble(b.Lower[i], b.Upper[i])).ToArray());

    [Theory]
    [MemberData(nameof(All))]
    public void Children_lie_within_the_bounds_and_parents_are_untouched(string name)
    {
        var crossover = Make(name);
        var rng = new Rng(1);
        for (int trial = 0; trial < 2_000; trial++)
        {
            var parents = new[] { RandomIn(Box, rng), RandomIn(Box, rng) };
            var before = parents.Select(p => p.ToArray()).ToArray();
            var children = crossover.Cross(parents, Box, rng);
            Assert.Equal(2, children.Count);
            Assert.All(children, c => Assert.True(Box.Contains(c.Genes)));
            Assert.Equal(before[0], parents[0].ToArray());
            Assert.Equal(before[1], parents[1].ToArray());
        }
    }

    [Fact]
    public void Uniform_children_take_complementary_genes_from_the_parents()
    {
        var rng = new Rng(2);
        var a = new Chromosome(new[] { 0.1, 0.2, 11, 1, 0 });
        var b = new Chromosome(new[] { 0.9, 0.8, 19, -1, 0.001 });
        for (int trial = 0; trial < 100; trial++)
        {
            var c = new UniformCrossover().Cross(new[] { a, b }, Box, rng);
            for (int i = 0; i < a.Length; i++)
                Assert.True((c[0][i] == a[i] && c[1][i] == b[i]) || (c[0][i] == b[i] && c[1][i] == a[i]));
        }
        var copy = new UniformCrossover(1.0).Cross(new[] { a, b }, Box, rng);
        Assert.Equal(a.ToArray(), copy[0].ToArray());
        Assert.Equal(b.ToArray(), copy[1].ToArray());
    }

    [Fact]
    public void One_point_children_are_a_prefix_of_one_parent_and_the_suffix_of_the_other()
    {
        var rng = new Rng(3);
        var a = new Chromosome(new[] { 0.1, 0.2, 11, 1, 0 });
        var b = new Chromosome(new[] { 0.9, 0.8, 19, -1, 0.001 });
        var cuts = new HashSet<int>();
        for (int trial = 0; trial < 200; trial++)
        {
            var c = new OnePointCrossover().Cross(new[] { a, b }, Box, rng);
            int cut = Enumerable.Range(1, a.Length - 1).Single(k => Enumerable.Range(0, a.Length).All(i =>
                c[0][i] == (i < k ? a[i] : b[i]) && c[1][i] == (i < k ? b[i] : a[i])));
            cuts.Add(cut);
        }
        Assert.Equal(new HashSet<int> { 1, 2, 3, 4 }, cuts);
    }

    [Fact]
    public void Two_point_children_swap_one_inner_segment()
    {
        var rng = new Rng(4);
        var a = new Chromosome(new[] { 0.1, 0.2, 11, 1, 0 });
        var b = new Chromosome(new[] { 0.9, 0.8, 19, -1, 0.001 });
        var segments = new HashSet<(int, int)>();
        for (int trial = 0; trial < 400; trial++)
        {
            var c = new TwoPointCrossover().Cross(new[] { a, b }, Box, rng);
            var matching = (from s in Enumerable.Range(1, 4)
                            from e in Enumerable.Range(s + 1, 4 - s)
                            where Enumerable.Range(0, a.Length).All(i =>
                                c[0][i] == (i >= s && i < e ? b[i] : a[i]) && c[1][i] == (i >= s && i < e ? a[i] : b[i]))
                            select (s, e)).ToList();
            Assert.Single(matching);
            segments.Add(matching[0]);
        }
        Assert.Equal(6, segments.Count); // every pair 1 ≤ c1 < c2 ≤ 4 occurs
    }

    [Fact]
    public void Blend_children_stay_in_the_alpha_extended_interval_and_cover_it()
    {
        var wide = Bounds.Uniform(1, -100, 100);
        var a = new Chromosome(new[] { 1.0 });
        var b = new Chromosome(new[] { 3.0 });
        var rng = new Rng(5);
        int outside = 0, n = 20_000;
        double min = double.MaxValue, max = double.MinValue;
        for (int trial = 0; trial < n / 2; trial++)
            foreach (var c in new BlendCrossover(0.5).Cross(new[] { a, b }, wide, rng))
            {
                Assert.InRange(c[0], 0.0, 4.0); // [1 − 0.5·2, 3 + 0.5·2]
                if (c[0] < 1 || c[0] > 3) outside++;
                min = Math.Min(min, c[0]);
                max = Math.Max(max, c[0]);
            }
        Assert.InRange(outside / (double)n, 0.48, 0.52); // 2 of the 4 units of width lie outside the parents
        Assert.True(min < 0.01 && max > 3.99);
        var inner = new BlendCrossover(0).Cross(new[] { a, b }, wide, rng);
        Assert.All(inner, c => Assert.InRange(c[0], 1.0, 3.0));
    }

    [Fact]
    public void Sbx_children_are_symmetric_about_the_parents_mean()
    {
        var wide = Bounds.Uniform(6, -1e6, 1e6);
        var rng = new Rng(6);
        for (int trial = 0; trial < 1_000; trial++)
        {
            var a = new Chromosome(Enumerable.Range(0, 6).Select(_ => rng.NextDouble(-10, 10)).ToArray());
            var b = new Chromosome(Enumerable.Range(0, 6).Select(_ => rng.NextDouble(-10, 10)).ToArray());
            var c = new SimulatedBinaryCrossover(2, 1.0).Cross(new[] { a, b }, wide, rng);
            for (int i = 0; i < 6; i++)
            {
                double mid = (a[i] + b[i]) / 2;
                Assert.Equal(2 * mid, c[0][i] + c[1][i], 9);
                Assert.Equal(Math.Abs(c[0][i] - mid), Math.Abs(c[1][i] - mid), 9);
            }
        }
    }

    [Fact]
    public void Sbx_spread_shrinks_as_eta_grows_and_preserves_the_mean_on_average()
    {
        var wide = Bounds.Uniform(1, -1e6, 1e6);
        var a = new Chromosome(new[] { 1.0 });
        var b = new Chromosome(new[] { 2.0 });
        double MeanSpread(double eta, out double meanFirstChild)
        {
            var rng = new Rng(7);
            double spread = 0, sum = 0;
            const int n = 20_000;
            for (int t = 0; t < n; t++)
            {
                var c = new SimulatedBinaryCrossover(eta, 1.0).Cross(new[] { a, b }, wide, rng);
                spread += Math.Abs(c[0][0] - c[1][0]);
                sum += c[0][0];
            }
            meanFirstChild = sum / n;
            return spread / n;
        }
        double loose = MeanSpread(1, out double mean1), tight = MeanSpread(30, out double mean30);
        Assert.True(tight < loose, $"spread with eta 30 ({tight}) should be below eta 1 ({loose})");
        Assert.InRange(tight, 0.9, 1.1);            // β concentrates at 1: children near the parents
        Assert.InRange(mean30, 1.49, 1.51);          // the coin flip makes each child's mean the midpoint
        Assert.InRange(mean1, 1.4, 1.6);
    }

    [Fact]
    public void Sbx_leaves_equal_genes_and_unselected_genes_alone()
    {
        var a = new Chromosome(new[] { 0.5, 0.3, 15, 2, 0 });
        var b = new Chromosome(new[] { 0.5, 0.7, 12, 2, 0 });
        var none = new SimulatedBinaryCrossover(15, 0).Cross(new[] { a, b }, Box, new Rng(8));
        Assert.Equal(a.ToArray(), none[0].ToArray());
        Assert.Equal(b.ToArray(), none[1].ToArray());
        var all = new SimulatedBinaryCrossover(15, 1).Cross(new[] { a, b }, Box, new Rng(8));
        Assert.Equal(0.5, all[0][0]);
        Assert.Equal(2.0, all[1][3]);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var a = new Chromosome(new[] { 0.0, 0.5, 15, 0, 0 });
        Assert.Throws<ArgumentException>(() => new UniformCrossover().Cross(new[] { a }, Box, new Rng(1)));
        Assert.Throws<ArgumentException>(() => new UniformCrossover().Cross(new[] { a, new Chromosome(new[] { 0.0 }) }, Box, new Rng(1)));
        var one = Bounds.Uniform(1, 0, 1);
        var g = new Chromosome(new[] { 0.5 });
        Assert.Throws<ArgumentException>(() => new OnePointCrossover().Cross(new[] { g, g }, one, new Rng(1)));
        var two = Bounds.Uniform(2, 0, 1);
        var h = new Chromosome(new[] { 0.5, 0.5 });
        Assert.Throws<ArgumentException>(() => new TwoPointCrossover().Cross(new[] { h, h }, two, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlendCrossover(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedBinaryCrossover(-1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedBinaryCrossover(15, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformCrossover(double.NaN));
    }
}
