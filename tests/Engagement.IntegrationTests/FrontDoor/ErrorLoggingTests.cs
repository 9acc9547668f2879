using System.Net;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Engagement.IntegrationTests.FrontDoor;

public sealed class ErrorLoggingTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    [Fact]
    public async Task A_fault_is_logged_with_its_type_message_stack_and_the_reference_shown_but_no_personal_data()
    {
        var sentinel = "SENTINEL-" + Guid.NewGuid().ToString("N");
        var client = factory.CreateBrowserClient();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, "Private words " + sentinel, new Dictionary<string, string>
        {
            ["Input.ContactName"] = "Name " + sentinel,
            ["Input.ContactEmail"] = sentinel.ToLowerInvariant() + "@example.org",
            ["Input.ConsentToProgressUpdates"] = "true",
        });

        // A real fault, as a broken deployment would have: a table the submission writes to is gone.
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE AuditRecords;";
            await drop.ExecuteNonQueryAsync();
        }

        var response = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "form#feedback-form");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var reference = page.QuerySelector("main strong")!.TextContent;
        Assert.True(reference.Length >= 8, reference);
        Assert.DoesNotContain("AuditRecords", page.Body!.TextContent);
        Assert.DoesNotContain(sentinel, page.Body.TextContent);

        var logged = factory.Logs.Lines.Where(l => l.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.Contains(logged, l => l.Contains("SqliteException", StringComparison.Ordinal)
            && l.Contains("no such table: AuditRecords", StringComparison.Ordinal)
            && l.Contains(" at ", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(sentinel, StringComparison.OrdinalIgnoreCase));
    }
}
