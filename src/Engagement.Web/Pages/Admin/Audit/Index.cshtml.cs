using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Web.Features.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Admin.Audit;

/// <summary>The audit: who did what to which record and when, filtered and paged by keyset, newest first.</summary>
public sealed class IndexModel(AuditQuery audit, EngagementDbContext db) : PageModel
{
    public sealed record Person(string Id, string Name);

    [BindProperty(SupportsGet = true)]
    public AuditFilterInput Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public List<AuditRow> Rows { get; private set; } = [];

    public string? NextHref { get; private set; }

    public string? FirstHref { get; private set; }

    public string CsvHref { get; private set; } = "/admin/audit.csv";

    public List<Person> People { get; private set; } = [];

    public List<string> Actions { get; private set; } = [];

    public List<string> RecordTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var filter = Filter.Read(ModelState);
        var staffRoles = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Commissioner || r.Name == Roles.Admin).Select(r => r.Id).ToListAsync(cancellationToken);
        People = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new Person(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        Actions = await audit.ActionsAsync(cancellationToken);
        RecordTypes = await audit.EntityTypesAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return;
        }

        var query = Filter.Query();
        var (rows, next) = await audit.PageAsync(filter, Before, cancellationToken: cancellationToken);
        Rows = rows;
        NextHref = next is null ? null : "/admin/audit?" + (query.Length > 0 ? query + "&" : "") + "before=" + next;
        FirstHref = Before is null ? null : "/admin/audit" + (query.Length > 0 ? "?" + query : "");
        CsvHref = "/admin/audit.csv" + (query.Length > 0 ? "?" + query : "");
    }

    public static string When(DateTime at) => at.ToString("d MMM yyyy HH:mm:ss", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
