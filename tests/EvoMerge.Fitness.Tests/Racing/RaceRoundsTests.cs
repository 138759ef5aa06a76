using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Racing;

namespace EvoMerge.Fitness.Tests.Racing;

public class RaceRoundsTests
{
    static double[][] Bernoulli(double[] accuracy, int examples, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. accuracy.Select(p => Enumerable.Range(0, examples).Select(_ => rng.NextDouble() < p ? 1.0 : 0.0).ToArray())];
    }

    static RaceResult Drive(RaceRounds race, double[][] scores, int? withdrawAtRound = null, int withdrawn = -1)
    {
        do
        {
            if (race.Rounds == withdrawAtRound) race.Withdraw(withdrawn);
            foreach (var slice in race.Wanted) race.Record(slice.Candidate, scores[slice.Candidate][slice.From..slice.To]);
        }
        while (race.Advance());
        return race.Result();
    }

    [Fact]
    public void Round_by_round_gives_what_the_one_call_race_gives()
    {
        var scores = Bernoulli([0.3, 0.5, 0.52, 0.8, 0.45], 200, 4);
        var options = new RacingOptions(Start: 8, Growth: 2, Confidence: 0.9);
        var once = Race.Run(scores.Length, 200, options, (c, from, to) => scores[c][from..to]);
        var rounds = Drive(new RaceRounds(scores.Length, 200, options), scores);
        Assert.Equal(once.Ranking, rounds.Ranking);
        Assert.Equal(once.ExamplesUsed, rounds.ExamplesUsed);
        Assert.Equal(once.Rounds, rounds.Rounds);
    }

    [Fact]
    public void A_withdrawn_candidate_ranks_last_and_when_it_left_does_not_change_the_others()
    {
        var scores = Bernoulli([0.3, 0.5, 0.52, 0.8, 0.45], 200, 9);
        var options = new RacingOptions(Start: 8, Growth: 2, Confidence: 0.9);
        var early = Drive(new RaceRounds(scores.Length, 200, options), scores, withdrawAtRound: 1, withdrawn: 3);
        var late = Drive(new RaceRounds(scores.Length, 200, options), scores, withdrawAtRound: 2, withdrawn: 3);
        Assert.Equal(3, early.Ranking[^1]);
        Assert.Equal(early.Ranking, late.Ranking);
        for (int c = 0; c < scores.Length; c++)
            if (c != 3) Assert.Equal(early.ExamplesUsed[c], late.ExamplesUsed[c]);
    }

    [Fact]
    public void Slices_must_be_the_ones_wanted()
    {
        var race = new RaceRounds(2, 50, new RacingOptions(Start: 4));
        Assert.Throws<InvalidOperationException>(() => race.Record(0, [1, 0, 1]));
        Assert.Throws<InvalidOperationException>(() => race.Advance());
        Assert.Throws<InvalidOperationException>(() => race.Result());
    }
}
