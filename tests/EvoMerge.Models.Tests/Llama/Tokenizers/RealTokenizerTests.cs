using EvoMerge.Models.Tokenizers;
using Xunit.Abstractions;

namespace EvoMerge.Models.Tests.Llama.Tokenizers;

/// <summary>
/// Real tokenizer.json files of five model families against reference ids from transformers.js
/// (Fixtures/Tokenizers/make_fixtures.sh): ids, token strings and ids with special tokens must all agree.
/// </summary>
public class RealTokenizerTests(ITestOutputHelper output)
{
    public static TheoryData<string> Families => new() { "llama3", "qwen2_5", "llama2", "gemma3", "deepseek_v3" };

    [Theory]
    [MemberData(nameof(Families))]
    public void Ids_tokens_and_special_ids_match_the_reference(string family)
    {
        using var fixture = new RealTokenizerFixture(family);
        using var tokenizer = Assert.IsType<HfTokenizer>(TokenizerLoader.Load(fixture.Folder));
        int sameIds = 0, sameTokens = 0, sameSpecial = 0, roundTrips = 0, plainTexts = 0;
        var mismatches = new List<string>();
        foreach (var example in fixture.Cases)
        {
            var ids = tokenizer.Encode(example.Text);
            bool same = ids.SequenceEqual(example.Ids);
            sameIds += same ? 1 : 0;
            sameTokens += ids.Select(tokenizer.TokenOf).SequenceEqual(example.Tokens) ? 1 : 0;
            sameSpecial += tokenizer.EncodeWithSpecialTokens(example.Text).SequenceEqual(example.IdsWithSpecial) ? 1 : 0;
            // Decoding drops special tokens by design, so the round trip counts texts without them.
            if (!ids.Any(tokenizer.IsSpecialToken))
            {
                plainTexts++;
                roundTrips += tokenizer.Decode(ids) == example.Text ? 1 : 0;
            }

            if (!same && mismatches.Count < 3)
                mismatches.Add($"{System.Text.Json.JsonSerializer.Serialize(example.Text)}: got [{string.Join(",", ids)}], expected [{string.Join(",", example.Ids)}]");
        }

        int n = fixture.Cases.Count;
        output.WriteLine($"{family}: {n} strings, same ids {Percent(sameIds, n)}, same tokens {Percent(sameTokens, n)}, " +
                         $"same ids with special tokens {Percent(sameSpecial, n)}, decode round trip {Percent(roundTrips, plainTexts)} of {plainTexts} without special tokens");
        Assert.True(n >= 300, $"{family}: only {n} cases");
        Assert.True(sameIds == n, $"{family}: {n - sameIds} of {n} differ, e.g. {string.Join("; ", mismatches)}");
        Assert.Equal(n, sameTokens);
        Assert.Equal(n, sameSpecial);
    }

    static string Percent(int count, int total) => $"{100.0 * count / total:F1}%";
}
