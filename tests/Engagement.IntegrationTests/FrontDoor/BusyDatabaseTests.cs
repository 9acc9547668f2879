using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Engagement.Domain.Auditing;
using Engagement.IntegrationTests.Feedback;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.FrontDoor;

/// <summary>A real write lock held by another connection, as another process would: busy, never broken.</summary>
public sealed class BusyDatabaseTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    [Fact]
    public async Task A_locked_database_gives_the_service_busy_page_within_seconds_with_the_answers_kept_and_nothing_half_saved()
    {
        var text = "Busy database feedback " + Guid.NewGuid().ToString("N");
        var client = factory.CreateBrowserClient();
        var check = await FeedbackJourney.ToCheckAnswersAsync(client, text);

        HttpResponseMessage busy;
        var watch = Stopwatch.StartNew();
        await using (var holder = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            busy = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "form#feedback-form");
            watch.Stop();
            var ready = await factory.CreateBrowserClient().GetAsync("/health/ready");
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal("5", busy.Headers.GetValues("Retry-After").Single());
        var page = await Html.ParseAsync(busy);
        Assert.Equal("Sorry, the service is busy", page.QuerySelector("h1")!.TextContent);
        await using (var db = factory.CreateDbContext())
        {
            Assert.False(await db.FeedbackItems.AnyAsync(f => f.Text == text));
        }

        Assert.Equal("Healthy", await (await factory.CreateBrowserClient().GetAsync("/health/ready")).Content.ReadAsStringAsync());

        // Trying again sends the same answers, once.
        var retry = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var sent = await Html.SubmitAsync(client, retry, []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.StartsWith("/feedback/confirmation", sent.Headers.Location!.OriginalString);
        await using (var db = factory.CreateDbContext())
        {
            Assert.Equal(1, await db.FeedbackItems.CountAsync(f => f.Text == text));
        }
    }

    [Fact]
    public async Task A_bare_user_transaction_is_refused_on_SQLite_as_SQL_Server_s_retrying_strategy_would()
    {
        await using var db = factory.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.AuditRecords.Add(new AuditRecord { At = DateTime.UtcNow, Action = "test.bare-transaction", EntityType = "Test", EntityId = "1" });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("execution strategy", refused.Message);
    }

    [Fact]
    public async Task A_unit_of_work_commits_together_and_a_refused_one_writes_nothing()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using (var db = factory.CreateDbContext())
        {
            await Engagement.Infrastructure.Data.UnitOfWork.InTransactionAsync(db, async token =>
            {
                db.AuditRecords.Add(new AuditRecord { At = DateTime.UtcNow, Action = "test.unit", EntityType = "Test", EntityId = marker });
                await db.SaveChangesAsync(token);
                db.AuditRecords.Add(new AuditRecord { At = DateTime.UtcNow, Action = "test.unit", EntityType = "Test", EntityId = marker });
                await db.SaveChangesAsync(token);
            });
            var refused = await Engagement.Infrastructure.Data.UnitOfWork.InTransactionAsync(db, async token =>
            {
                db.AuditRecords.Add(new AuditRecord { At = DateTime.UtcNow, Action = "test.refused", EntityType = "Test", EntityId = marker });
                await db.SaveChangesAsync(token);
                return Engagement.Domain.Common.DomainResult.Refused("no");
            });
            Assert.False(refused.Succeeded);
        }

        await using var check = factory.CreateDbContext();
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.EntityId == marker && a.Action == "test.unit"));
        Assert.False(await check.AuditRecords.AnyAsync(a => a.EntityId == marker && a.Action == "test.refused"));
    }
}
