using Engagement.Domain.Common;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Triage;

/// <summary>Assign an item to a colleague (a commissioner or administrator), or to nobody with a null id.</summary>
public sealed record AssignFeedback(int FeedbackItemId, string? AssigneeUserId, string UserId);

public sealed class AssignFeedbackHandler(EngagementDbContext db, TimeProvider clock)
{
    public async Task<DomainResult> HandleAsync(AssignFeedback command, CancellationToken cancellationToken = default)
    {
        var assignee = string.IsNullOrWhiteSpace(command.AssigneeUserId) ? null : command.AssigneeUserId;
        if (assignee is not null && !await StaffDirectory.IsStaffAsync(db, assignee, cancellationToken))
        {
            return DomainResult.Refused("Select a colleague from the list", "AssigneeUserId");
        }

        var item = await db.LoadAsync(command.FeedbackItemId, cancellationToken);
        if (item is null)
        {
            return FeedbackItemStore.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        item.AssignTo(assignee, now);
        db.AuditRecords.Add(TriageAudit.Record(item.Id, TriageAudit.Assigned, command.UserId, now, assignee is null ? "unassigned" : "assignee=" + assignee));
        await db.SaveChangesAsync(cancellationToken);
        return DomainResult.Ok;
    }
}

public sealed record StaffMember(string Id, string Name);

/// <summary>Commissioners and administrators who can be assigned feedback (enabled accounts only).</summary>
public static class StaffDirectory
{
    private static IQueryable<ApplicationUser> Staff(EngagementDbContext db) =>
        db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id &&
            db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Commissioner || r.Name == Roles.Admin))));

    public static Task<List<StaffMember>> ListAsync(EngagementDbContext db, CancellationToken cancellationToken) =>
        Staff(db).AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new StaffMember(u.Id, u.DisplayName)).ToListAsync(cancellationToken);

    public static Task<bool> IsStaffAsync(EngagementDbContext db, string userId, CancellationToken cancellationToken) =>
        Staff(db).AnyAsync(u => u.Id == userId, cancellationToken);
}
