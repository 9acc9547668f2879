using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Admin.Staff;

/// <summary>Every commissioner and administrator, with their state and last sign-in.</summary>
public sealed class IndexModel(EngagementDbContext db) : PageModel
{
    public sealed record Row(string Id, string Name, string? Email, string Role, bool Disabled, bool Invited, bool TwoFactor, DateTime? LastSignInAt);

    public List<Row> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var staffRoles = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Admin || r.Name == Roles.Commissioner).ToDictionaryAsync(r => r.Id, r => r.Name!);
        var roleIds = staffRoles.Keys.ToList();
        var rows = await (from user in db.Users.AsNoTracking()
                          join userRole in db.UserRoles.AsNoTracking() on user.Id equals userRole.UserId
                          where roleIds.Contains(userRole.RoleId)
                          orderby user.DisplayName, user.Email
                          select new { user.Id, user.DisplayName, user.Email, userRole.RoleId, user.IsDisabled, user.PasswordHash, user.TwoFactorEnabled, user.LastSignInAt })
            .ToListAsync();
        Staff = rows
            .GroupBy(r => r.Id)
            .Select(g => g.OrderBy(r => staffRoles[r.RoleId] == Roles.Admin ? 0 : 1).First())
            .Select(r => new Row(r.Id, r.DisplayName, r.Email, staffRoles[r.RoleId], r.IsDisabled, r.PasswordHash == null, r.TwoFactorEnabled, r.LastSignInAt))
            .ToList();
    }

    public static string RoleName(string role) => role == Roles.Admin ? "Administrator" : "Commissioner";

    public static string When(DateTime? at) => at is null ? "Never" : at.Value.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + " UTC";
}
