using Engagement.Infrastructure;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Accounts;

namespace Engagement.UnitTests.Email;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(5, 120)]
    [InlineData(40, 120)]
    public void In_the_first_hour_waits_grow_from_15_seconds_to_at_most_2_minutes(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.Delay(attempts, TimeSpan.FromMinutes(10)));

    [Fact]
    public void No_wait_in_the_first_hour_exceeds_2_minutes()
    {
        for (var attempts = 1; attempts < 500; attempts++)
        {
            Assert.True(RetrySchedule.Delay(attempts, TimeSpan.FromMinutes(59)) <= TimeSpan.FromMinutes(2));
        }
    }

    [Theory]
    [InlineData(60, 15)]
    [InlineData(120, 30)]
    [InlineData(180, 60)]
    [InlineData(3000, 60)]
    public void After_the_first_hour_waits_are_slower_and_capped_at_an_hour(int ageMinutes, int waitMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(waitMinutes), RetrySchedule.Delay(10, TimeSpan.FromMinutes(ageMinutes)));

    [Fact]
    public void Gives_up_after_three_days()
    {
        Assert.False(RetrySchedule.ShouldGiveUp(TimeSpan.FromDays(2.9)));
        Assert.True(RetrySchedule.ShouldGiveUp(TimeSpan.FromDays(3)));
    }
}

public sealed class EmailLayoutTests
{
    private static readonly ServiceOptions Service = new() { Name = "You said, we did", CouncilName = "Example Council", PublicBaseUrl = "https://engagement.example.gov.uk" };

    [Fact]
    public void Encodes_user_supplied_values_in_the_html_and_keeps_them_readable_in_the_text()
    {
        var message = new EmailLayout(Service)
            .Greeting("<script>alert(1)</script>")
            .Paragraph("You said: \"<img src=x onerror=alert(1)>\"")
            .Link("View it", "https://engagement.example.gov.uk/x?a=1&b=\"2\"")
            .ToMessage("a@example.org", "Eve\r\nBcc: x@example.org", "Hi\r\nBcc: x@example.org", "test", "1");

        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.DoesNotContain("<img", message.HtmlBody);
        Assert.Contains("&lt;script&gt;", message.HtmlBody);
        Assert.Contains("href=\"https://engagement.example.gov.uk/x?a=1&amp;b=&quot;2&quot;\"", message.HtmlBody);
        Assert.Contains("Dear <script>alert(1)</script>,", message.TextBody);
        Assert.Contains("Example Council", message.TextBody);
        Assert.Contains("https://engagement.example.gov.uk", message.TextBody);
        Assert.DoesNotContain('\n', message.ToName!);
        Assert.DoesNotContain('\r', message.Subject);
    }

    [Fact]
    public void Password_reset_uses_the_layout_with_the_service_name_and_link()
    {
        var message = AccountEmails.PasswordReset(Service, "a@example.org", "https://engagement.example.gov.uk/account/reset-password?code=abc", "user-1");

        Assert.Equal("Reset your password for You said, we did", message.Subject);
        Assert.Contains("https://engagement.example.gov.uk/account/reset-password?code=abc", message.TextBody);
        Assert.Contains("<a href=\"https://engagement.example.gov.uk/account/reset-password?code=abc\">", message.HtmlBody);
        Assert.Equal("password-reset", message.Kind);
    }
}
