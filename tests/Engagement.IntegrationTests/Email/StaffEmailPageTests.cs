using System.Net;
using Engagement.Domain.Email;
using Engagement.Infrastructure.Email;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Email;

public sealed class StaffEmailPageTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<long> AddFailedAsync(string address)
    {
        await using var db = factory.CreateDbContext();
        var now = DateTime.UtcNow;
        var row = new OutboxMessage
        {
            ToAddress = address,
            Subject = "Your place at the event",
            TextBody = "Body",
            Kind = "event-registration",
            CreatedAt = now.AddMinutes(-30),
            NextAttemptAt = now.AddMinutes(-29),
            Attempts = 1,
            FailedAt = now.AddMinutes(-29),
            LastError = "SmtpCommandException 550: Mailbox unavailable",
        };
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    [Fact]
    public async Task Commissioner_sees_failed_messages_with_masked_addresses_and_can_retry_one()
    {
        var id = await AddFailedAsync("jane.doe@example.org");
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);

        var (response, page) = await Html.GetAsync(client, "/staff/email?status=failed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("jane.doe@example.org", html);
        Assert.Contains(page.QuerySelectorAll("#email-messages td.recipient"), cell => cell.Text() == "j***@example.org");
        Assert.Contains("550", page.QuerySelector("#email-messages")!.TextContent);

        var form = page.QuerySelectorAll("#email-messages form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>()
            .Single(f => f.GetAttribute("action")!.Contains($"id={id}", StringComparison.Ordinal));
        var retry = await Html.SubmitAsync(client, form, new List<KeyValuePair<string, string>>());

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("/staff/email?status=failed", retry.Headers.Location!.OriginalString);
        await using var db = factory.CreateDbContext();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Null(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.True(row.NextAttemptAt <= DateTime.UtcNow);

        var (_, after) = await Html.GetAsync(client, "/staff/email?status=failed");
        Assert.Contains($"Email {id} will be sent again shortly.", after.Body!.TextContent);
        var (_, pending) = await Html.GetAsync(client, "/staff/email?status=pending");
        Assert.Contains(pending.QuerySelectorAll("#email-messages td.recipient"), cell => cell.Text() == "j***@example.org");
    }

    [Fact]
    public async Task Retry_without_an_antiforgery_token_is_rejected()
    {
        var id = await AddFailedAsync("token.test@example.org");
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, TestAccounts.Commissioner);

        var response = await client.PostAsync($"/staff/email?handler=Retry&id={id}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.NotNull((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id)).FailedAt);
    }

    [Fact]
    public async Task Providers_and_anonymous_visitors_cannot_reach_the_email_page()
    {
        var anonymous = await factory.CreateBrowserClient().GetAsync("/staff/email");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.CareHomeProvider);
        var response = await provider.GetAsync("/staff/email");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Masking_keeps_the_first_letter_and_the_domain() =>
        Assert.Equal("j***@example.org", EmailAddressMask.Mask("jane.doe@example.org"));
}
