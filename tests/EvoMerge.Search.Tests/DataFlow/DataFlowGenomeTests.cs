using EvoMerge.Search.DataFlow;

namespace EvoMerge.Search.Tests.DataFlow;

public class DataFlowGenomeTests
{
    // Two sources with 3 and 2 layers: global layers 0,1,2 (source 0) and 3,4 (source 1); r = 3 gives 15 slots.
    static readonly DataFlowGenome Genome = new([3, 2]);

    static double[] AllOff(DataFlowGenome genome)
    {
        var genes = genome.Start();
        Array.Fill(genes, -0.5, 0, genome.Slots);
        return genes;
    }

    [Fact]
    public void Layout_names_and_bounds_follow_the_slot_and_matrix_order()
    {
        Assert.Equal(5, Genome.TotalLayers);
        Assert.Equal(15, Genome.Slots);
        Assert.Equal(15 + 25, Genome.Dimension);
        Assert.Equal("slot_000.on", Genome.GeneNames[0]);
        Assert.Equal("slot_014.on", Genome.GeneNames[14]);
        Assert.Equal("scale_000_000", Genome.GeneNames[15]);
        Assert.Equal("scale_001_003", Genome.GeneNames[Genome.ScaleGene(1, 3)]);
        Assert.Equal(15 + 1 * 5 + 3, Genome.ScaleGene(1, 3));
        Assert.Equal("scale_004_004", Genome.GeneNames[^1]);
        Assert.Equal(Genome.Dimension, Genome.GeneNames.Distinct().Count());
        Assert.Equal((-1.0, 1.0), (Genome.Bounds.Lower[14], Genome.Bounds.Upper[14]));
        Assert.Equal((0.0, 2.0), (Genome.Bounds.Lower[15], Genome.Bounds.Upper[^1]));
        Assert.Equal(3, Genome.SlotLayer(13));
        Assert.Equal((1, 1), Genome.Locate(4));
        Assert.Equal(4, Genome.GlobalLayer(1, 1));
        Assert.True(Genome.Bounds.Contains(Genome.Start(1)));
    }

    [Fact]
    public void Gene_names_widen_for_long_layouts()
    {
        var wide = new DataFlowGenome([600, 500], repeats: 1);
        Assert.Equal("slot_0000.on", wide.GeneNames[0]);
        Assert.Equal("scale_1099_1099", wide.GeneNames[^1]);
    }

    [Fact]
    public void Decode_keeps_slots_with_positive_indicators_and_looks_up_scales_by_previous_and_next_layer()
    {
        var genes = AllOff(Genome);
        // Slots 1 (layer 1), 3 (layer 3), 5 (layer 0, second repeat), 9 (layer 4), 11 (layer 1, third repeat).
        foreach (int slot in new[] { 1, 3, 5, 9, 11 })
            genes[slot] = 0.25;
        genes[7] = 0.0; // exactly 0 is off
        genes[Genome.ScaleGene(1, 3)] = 0.5;
        genes[Genome.ScaleGene(3, 0)] = 1.5;
        genes[Genome.ScaleGene(0, 4)] = 0.75;
        genes[Genome.ScaleGene(4, 1)] = 1.25;
        genes[Genome.ScaleGene(3, 1)] = 0.1; // W[3, 1] is not a hop of this path: unused

        var path = Genome.Decode(genes);

        Assert.Equal(new[] { 1, 3, 0, 4, 1 }, path.Layers);
        Assert.Equal(new[] { 1f, 0.5f, 1.5f, 0.75f, 1.25f }, path.Scales);
    }

    [Fact]
    public void The_first_hop_has_scale_one_whatever_the_matrix_says()
    {
        var genes = AllOff(Genome);
        Array.Fill(genes, 0.3, Genome.Slots, Genome.Dimension - Genome.Slots);
        genes[4] = 1;
        genes[6] = 1;

        var path = Genome.Decode(genes);

        Assert.Equal(new[] { 4, 1 }, path.Layers);
        Assert.Equal(new[] { 1f, 0.3f }, path.Scales);
    }

    [Fact]
    public void A_layer_on_in_every_repeat_appears_r_times_scaled_by_the_diagonal()
    {
        var genome = new DataFlowGenome([3, 2], repeats: 4);
        var genes = AllOff(genome);
        for (int repeat = 0; repeat < 4; repeat++)
            genes[repeat * 5 + 2] = 0.9;
        genes[genome.ScaleGene(2, 2)] = 0.8;

        var path = genome.Decode(genes);

        Assert.Equal(new[] { 2, 2, 2, 2 }, path.Layers);
        Assert.Equal(new[] { 1f, 0.8f, 0.8f, 0.8f }, path.Scales);
    }

    [Fact]
    public void The_start_decodes_to_the_chosen_source_in_order_with_scale_one()
    {
        Assert.Equal(new[] { 0, 1, 2 }, Genome.Decode(Genome.Start()).Layers);
        Assert.Equal(new[] { 1f, 1f, 1f }, Genome.Decode(Genome.Start()).Scales);
        Assert.Equal(new[] { 3, 4 }, Genome.Decode(Genome.Start(1)).Layers);
        Assert.All(Genome.Start().Skip(Genome.Slots), w => Assert.Equal(1.0, w));
    }

    [Fact]
    public void All_indicators_off_decode_to_the_empty_path()
    {
        var path = Genome.Decode(AllOff(Genome));
        Assert.Equal(0, path.Count);
    }

    [Fact]
    public void A_maximum_path_length_keeps_the_first_hops()
    {
        var genome = new DataFlowGenome([3, 2], maxPathLength: 4);
        var genes = genome.Start();
        Array.Fill(genes, 1.0, 0, genome.Slots);

        var path = genome.Decode(genes);

        Assert.Equal(new[] { 0, 1, 2, 3 }, path.Layers);
    }

    [Fact]
    public void Bad_gene_vectors_and_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Genome.Decode(new double[Genome.Dimension - 1]));
        var genes = Genome.Start();
        genes[3] = double.NaN;
        Assert.Contains("slot_003.on", Assert.Throws<ArgumentException>(() => Genome.Decode(genes)).Message);
        genes = Genome.Start();
        genes[Genome.ScaleGene(0, 1)] = double.PositiveInfinity;
        Assert.Contains("scale_000_001", Assert.Throws<ArgumentException>(() => Genome.Decode(genes)).Message);
        Assert.Throws<ArgumentException>(() => new DataFlowGenome([]));
        Assert.Throws<ArgumentException>(() => new DataFlowGenome([3, 0]));
        Assert.Throws<ArgumentException>(() => new DataFlowGenome([3], repeats: 0));
        Assert.Throws<ArgumentException>(() => new DataFlowGenome([3], scaleMin: 1.5, scaleMax: 2));
        Assert.Throws<ArgumentException>(() => new DataFlowGenome([3], maxPathLength: 0));
    }
}
