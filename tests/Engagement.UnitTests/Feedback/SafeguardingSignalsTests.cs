using Engagement.Domain.Feedback;

namespace Engagement.UnitTests.Feedback;

public sealed class SafeguardingSignalsTests
{
    private static readonly SafeguardingSignals Signals =
        SafeguardingSignals.FromFile(Path.Combine(AppContext.BaseDirectory, "seeds", "safeguarding-signals.txt"));

    [Theory]
    [InlineData("I think my neighbour is being neglected")]
    [InlineData("NEGLECT is happening")]
    [InlineData("The carer hit me yesterday")]
    [InlineData("He said he would kill  myself if... no, I said I would kill myself")]
    [InlineData("I am scared of the night staff.")]
    [InlineData("Someone is stealing from Mum")]
    [InlineData("there were bruises on her arm")]
    [InlineData("worried about self-harm")]
    [InlineData("Financial abuse by a relative")]
    [InlineData("her carer hits her and takes money from her purse")]
    [InlineData("The night carer is rough with him when he asks for help")]
    [InlineData("My dad says they won't let him phone us")]
    [InlineData("Somebody took his money again")]
    [InlineData("She told me the agency worker pushed her")]
    public void Signal_words_and_phrases_match_case_insensitively(string text) => Assert.True(Signals.Matches(text));

    [Theory]
    [InlineData("The carers are lovely and always on time")]
    [InlineData("The pharmacy is charming")] // "harm" inside a word
    [InlineData("White chocolate is my favourite")] // "hit" inside a word
    [InlineData("Shipping costs are high")]
    [InlineData("")]
    public void Ordinary_text_and_words_containing_a_signal_do_not_match(string text) => Assert.False(Signals.Matches(text));

    [Fact]
    public void A_check_that_cannot_finish_in_time_sends_the_item_to_urgent_triage()
    {
        var text = string.Concat(Enumerable.Repeat("the carers are lovely and always on time ", 50_000));

        Assert.True(new SafeguardingSignals(["harm", "neglect"], TimeSpan.FromTicks(1)).Matches(text));
        Assert.False(new SafeguardingSignals(["harm", "neglect"]).Matches(text));
    }

    [Fact]
    public void Comments_and_blank_lines_are_ignored_and_an_empty_list_never_matches()
    {
        var signals = new SafeguardingSignals(["# a comment", "", "  harm  "]);

        Assert.Equal(["harm"], signals.Phrases);
        Assert.True(signals.Matches("Harm."));
        Assert.False(new SafeguardingSignals(["# nothing"]).Matches("harm"));
    }

    [Fact]
    public void The_maintained_list_holds_the_core_signals()
    {
        foreach (var phrase in new[] { "abuse", "neglect", "harm", "hitting", "hit me", "self-harm", "suicide", "kill myself", "assault", "scared of", "bruises", "threatened", "stealing", "financial abuse" })
        {
            Assert.Contains(phrase, Signals.Phrases);
        }
    }
}
