using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class NicheArchiveTests
{
    static NicheArchive Filled(double alpha)
    {
        var archive = new NicheArchive(size: 2, dimension: 1, examples: 3, alpha);
        Assert.Equal(0, archive.Offer([10.0], [1, 1, 0]));   // empty slots (zero scores) go first
        Assert.Equal(1, archive.Offer([20.0], [0, 0, 1]));
        return archive;
    }

    [Fact]
    public void A_newcomer_weaker_than_every_member_is_dropped()
    {
        var archive = Filled(alpha: 1);
        // z = [2, 1, 1]: f = [1.5, 1, 0.5] for members 0, 1 and the newcomer.
        Assert.Equal(-1, archive.Offer([30.0], [1, 0, 0]));
        Assert.Equal(10.0, archive.Vector(0)[0]);
        Assert.Equal(20.0, archive.Vector(1)[0]);
    }

    [Fact]
    public void The_weakest_member_is_replaced_by_a_stronger_newcomer()
    {
        var archive = Filled(alpha: 1);
        // z = [2, 2, 2]: f = [1, 0.5, 1.5]: member 1 goes.
        Assert.Equal(1, archive.Offer([40.0], [1, 1, 1]));
        Assert.Equal(40.0, archive.Vector(1)[0]);
        Assert.Equal(new double[] { 1, 1, 1 }, archive.Scores(1).ToArray());
    }

    [Fact]
    public void Without_competition_the_lone_specialist_loses_its_niche()
    {
        // alpha 1 protects member 1 (the only one solving example 2, see above); with alpha 0 the
        // newcomer ties with it (f = 1 each) and the first lowest, the member, is dropped.
        var archive = Filled(alpha: 0);
        Assert.Equal(1, archive.Offer([30.0], [1, 0, 0]));
        Assert.Equal(30.0, archive.Vector(1)[0]);
    }

    [Fact]
    public void Best_slot_is_the_highest_mean_score()
    {
        var archive = Filled(alpha: 1);
        Assert.Equal(0, archive.BestSlotByMeanScore());
        archive.Offer([40.0], [1, 1, 1]);
        Assert.Equal(1, archive.BestSlotByMeanScore());
    }
}
