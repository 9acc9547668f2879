using Engagement.IntegrationTests.Infrastructure;

namespace Engagement.IntegrationTests.Deadlines;

/// <summary>The number of working days on the pages comes from the one setting the measure uses.</summary>
public sealed class PromiseSettingTests
{
    private sealed class FifteenDaysFactory : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Feedback:FirstResponseWorkingDays"] = "15" };
    }

    private sealed class BankHolidaysFactory(string file) : EngagementFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Calendar:BankHolidaysFile"] = file };
    }

    [Fact]
    public async Task The_feedback_page_promises_the_production_default_of_20_working_days()
    {
        using var factory = new EngagementFactory();
        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/feedback");
        Assert.Contains("first response within 20 working days", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_feedback_page_and_the_inbox_take_the_days_from_configuration()
    {
        using var factory = new FifteenDaysFactory();
        var (_, page) = await Html.GetAsync(factory.CreateBrowserClient(), "/feedback");
        Assert.Contains("first response within 15 working days", page.Body!.TextContent);
        Assert.DoesNotContain("20 working days", page.Body!.TextContent);
        Assert.Equal(15, factory.GetService<Engagement.Domain.Feedback.FirstResponsePromise>().WorkingDays);
    }

    [Fact]
    public void The_app_refuses_to_start_without_this_years_bank_holidays()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bank-holidays-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2020-12-25"}]}""");
        try
        {
            using var factory = new BankHolidaysFactory(file);
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            var message = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0].Message : error.Message;
            Assert.Contains($"no bank holidays for {DateTime.UtcNow.Year}", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
