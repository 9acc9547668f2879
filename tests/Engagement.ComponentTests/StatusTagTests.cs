using Engagement.Domain.Responses;
using Engagement.Web.Components;

namespace Engagement.ComponentTests;

public sealed class StatusTagTests : BunitContext
{
    [Theory]
    [InlineData(ResponseStatus.Received, "Received", "govuk-tag--grey")]
    [InlineData(ResponseStatus.UnderReview, "Under review", "govuk-tag--blue")]
    [InlineData(ResponseStatus.ActionPlanned, "Action planned", "govuk-tag--yellow")]
    [InlineData(ResponseStatus.InProgress, "In progress", "govuk-tag--purple")]
    [InlineData(ResponseStatus.Completed, "Completed", "govuk-tag--green")]
    [InlineData(ResponseStatus.NotTakenForward, "Not taken forward", "govuk-tag--red")]
    public void Shows_the_status_in_words_with_its_colour(ResponseStatus status, string words, string colour)
    {
        var tag = Render<StatusTag>(p => p.Add(t => t.Status, status));

        var element = tag.Find("strong.govuk-tag");
        Assert.Equal(words, element.TextContent);
        Assert.Contains(colour, element.ClassList);
    }
}

public sealed class PriorityTagsTests : BunitContext
{
    [Fact]
    public void Links_each_priority_to_its_page()
    {
        var tags = Render<PriorityTags>(p => p.Add(t => t.Numbers, [3, 16]));

        var links = tags.FindAll("a");
        Assert.Equal(["/priorities/3", "/priorities/16"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["Priority 3", "Priority 16"], links.Select(a => a.TextContent));
    }

    [Fact]
    public void Says_when_none_are_linked()
    {
        var tags = Render<PriorityTags>(p => p.Add(t => t.Numbers, Array.Empty<int>()));

        Assert.Equal("None linked", tags.Find("span").TextContent);
        Assert.Empty(tags.FindAll("a"));
    }
}
