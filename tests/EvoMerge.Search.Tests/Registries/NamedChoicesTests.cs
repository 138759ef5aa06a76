using EvoMerge.Search.Registries;

namespace EvoMerge.Search.Tests.Registries;

public sealed class NamedChoicesTests
{
    static readonly NamedChoices<string> Colours = new("colour", ["red", "green"], c => c);

    [Fact]
    public void A_known_name_is_found_and_an_unknown_one_is_an_error_listing_the_valid_ones()
    {
        Assert.True(Colours.TryGet("green", out var green));
        Assert.Equal("green", green);
        Assert.False(Colours.TryGet("Green", out var none));
        Assert.Null(none);
        Assert.Equal("unknown colour 'blue'; valid: red, green.", Assert.Throws<ArgumentException>(() => Colours.Get("blue")).Message);
    }
}
