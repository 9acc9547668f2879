using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Pages.Staff.Responses;

/// <summary>
/// The ordinary entry form, filled in from a forum action: the action as the title, the agenda topics as a starting
/// "You said" summary, the forum's section, its items' priorities and its event. Saving goes through
/// <c>SaveResponseEntryHandler</c> like any entry; only the action's id is extra.
/// </summary>
public static class ForumActionEntry
{
    /// <summary>Null when there is no such action or it already has an entry.</summary>
    public static async Task<EntryFormPage.EntryInput?> PrefillAsync(EngagementDbContext db, int actionId, CancellationToken cancellationToken)
    {
        var action = await db.ForumActions.AsNoTracking().Include(a => a.Sources).SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken);
        if (action is null || !action.CheckCanBecomeEntry().Succeeded)
        {
            return null;
        }

        var forum = await db.Events.AsNoTracking().SingleAsync(e => e.Id == action.EventId, cancellationToken);
        var ids = action.Sources.Select(s => s.AgendaItemId).ToList();
        var sources = await db.AgendaItems.AsNoTracking().Include(i => i.Priorities).Where(i => ids.Contains(i.Id)).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var date = UkTime.FromUtc(forum.StartsAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var title = action.Text.Length > Domain.Responses.ResponseLimits.TitleMaxLength ? action.Text[..Domain.Responses.ResponseLimits.TitleMaxLength] : action.Text;
        return new EntryFormPage.EntryInput
        {
            Title = title,
            YouSaidSummary = sources.Count == 0
                ? $"Providers at the {forum.Title} on {date} raised this."
                : $"Providers at the {forum.Title} on {date} raised: {string.Join("; ", sources.Select(s => s.Topic))}.",
            WeDidMarkdown = action.Text,
            Section = forum.Audience == EventAudience.HomeCareProviders ? ServiceSection.HomeCare : ServiceSection.ResidentialAndNursing,
            Priorities = sources.SelectMany(s => s.Priorities.Select(p => p.PriorityNumber)).Distinct().Order().ToList(),
            EventIds = [forum.Id],
            ForumActionId = action.Id,
        };
    }
}
