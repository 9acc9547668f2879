using System.Net;
using Engagement.Domain.Auditing;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Engagement.IntegrationTests.Admin;

public sealed class AuditPageTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        return admin;
    }

    [Fact]
    public async Task The_audit_pages_by_keyset_newest_first_and_the_CSV_carries_every_filtered_record()
    {
        var action = "test.paging-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = factory.CreateDbContext())
        {
            var start = new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc);
            db.AuditRecords.AddRange(Enumerable.Range(0, 120).Select(i => new AuditRecord
            {
                At = start.AddMinutes(i),
                Action = action,
                EntityType = "Thing",
                EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Detail = i == 7 ? "=HYPERLINK(\"http://evil.example\")" : "n=" + i,
            }));
            await db.SaveChangesAsync();
        }

        var admin = await AdminAsync();
        var seen = new List<string>();
        var url = "/admin/audit?Filter.Action=" + action;
        var pages = 0;
        while (url is not null)
        {
            var (response, page) = await Html.GetAsync(admin, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var ids = page.QuerySelectorAll("#audit tbody tr").Select(r => r.Children[3].TextContent.Trim()).ToList();
            Assert.True(ids.Count <= 50);
            seen.AddRange(ids);
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 120).Reverse().Select(i => "Thing " + i), seen);

        var csv = await admin.GetAsync("/admin/audit.csv?Filter.Action=" + action);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType!.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(121, lines.Length);
        Assert.StartsWith("Id,At (UTC),Actor user id,Action", lines[0]);
        Assert.EndsWith($",{action},Thing,119,n=119", lines[1]);
        Assert.Contains(lines, l => l.EndsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_audit_filters_by_person_record_and_date_and_a_wrong_date_is_a_GOVUK_error()
    {
        var admin = await AdminAsync();
        var adminId = await Triage.Staff.UserIdAsync(factory, TestAccounts.Admin);
        await using (var db = factory.CreateDbContext())
        {
            db.AuditRecords.AddRange(
                new AuditRecord { At = new DateTime(2025, 3, 10, 12, 0, 0, DateTimeKind.Utc), ActorUserId = adminId, Action = "test.dated", EntityType = "Entry", EntityId = "77" },
                new AuditRecord { At = new DateTime(2025, 3, 12, 12, 0, 0, DateTimeKind.Utc), ActorUserId = null, Action = "test.dated", EntityType = "Entry", EntityId = "78" });
            await db.SaveChangesAsync();
        }

        async Task<List<string>> RecordsAsync(string query) =>
            (await Html.ParseAsync(await admin.GetAsync("/admin/audit?" + query))).QuerySelectorAll("#audit tbody tr").Select(r => r.Children[3].TextContent.Trim()).ToList();

        Assert.Equal(["Entry 78", "Entry 77"], await RecordsAsync("Filter.Action=test.dated"));
        Assert.Equal(["Entry 77"], await RecordsAsync($"Filter.Action=test.dated&Filter.Person={adminId}"));
        Assert.Equal(["Entry 78"], await RecordsAsync("Filter.RecordType=Entry&Filter.RecordId=78"));
        Assert.Equal(["Entry 77"], await RecordsAsync("Filter.Action=test.dated&Filter.From.Day=9&Filter.From.Month=3&Filter.From.Year=2025&Filter.To.Day=10&Filter.To.Month=3&Filter.To.Year=2025"));

        var wrong = await Html.ParseAsync(await admin.GetAsync("/admin/audit?Filter.From.Day=31&Filter.From.Month=2&Filter.From.Year=2025"));
        Assert.StartsWith("Error: ", wrong.Title);
        Assert.Equal(["The start date must be a real date"], Html.ErrorSummary(wrong));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/audit.csv?Filter.From.Day=31&Filter.From.Month=2&Filter.From.Year=2025")).StatusCode);

        // Sign-ins and their failures are in the audit, with ids only: no email address anywhere in it.
        await Html.SubmitAsync(factory.CreateBrowserClient(), (await Html.GetAsync(factory.CreateBrowserClient(), "/account/login")).Document, new Dictionary<string, string>());
        var signIns = await RecordsAsync($"Filter.Action=account.signed-in&Filter.Person={adminId}");
        Assert.NotEmpty(signIns);
        await using var check = factory.CreateDbContext();
        Assert.False(await check.AuditRecords.AnyAsync(a => (a.Detail ?? "").Contains('@') || a.EntityId.Contains('@')));
    }
}
