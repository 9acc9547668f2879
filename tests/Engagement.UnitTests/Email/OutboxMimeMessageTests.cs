using Engagement.Domain.Email;
using Engagement.Infrastructure.Email;

namespace Engagement.UnitTests.Email;

public sealed class OutboxMimeMessageTests
{
    private static OutboxMessage Row(string? unsubscribeUrl) => new()
    {
        Id = 7,
        ToAddress = "person@example.org",
        Subject = "Progress on your feedback",
        TextBody = "Hello",
        CreatedAt = new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc),
        UnsubscribeUrl = unsubscribeUrl,
    };

    [Fact]
    public void Mail_a_person_can_stop_carries_the_one_click_unsubscribe_headers()
    {
        var message = OutboxMimeMessage.Build(Row("https://engage.example.org/unsubscribe/abc"), "noreply@example.org", "https://engage.example.org");

        Assert.Equal("<https://engage.example.org/unsubscribe/abc>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url\r\nBcc: someone@example.org")]
    public void Mail_without_a_safe_address_has_no_unsubscribe_headers(string? url)
    {
        var message = OutboxMimeMessage.Build(Row(url), "noreply@example.org", "https://engage.example.org");

        Assert.False(message.Headers.Contains("List-Unsubscribe"));
        Assert.False(message.Headers.Contains("List-Unsubscribe-Post"));
        Assert.DoesNotContain("Bcc", message.Headers.Select(h => h.Field));
    }
}
