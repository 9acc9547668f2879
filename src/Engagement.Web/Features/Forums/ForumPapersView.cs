using Engagement.Domain.Forums;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.Forums;

/// <summary>An action as the public sees it: its text and, once its entry is published, the entry.</summary>
public sealed record PublicForumAction(string Text, string? EntryReference, string? EntryTitle, ResponseStatus? EntryStatus);

/// <summary>
/// What the public event page shows of a forum's papers: the agenda's topics in order once published (never who
/// suggested them, nor why: decision 0024), and the minutes with their actions once the minutes are published.
/// </summary>
public sealed record ForumPapersView(IReadOnlyList<string>? Agenda, SanitizedHtml? Minutes, IReadOnlyList<PublicForumAction> Actions)
{
    public static async Task<ForumPapersView> LoadAsync(EngagementDbContext db, SafeMarkdown markdown, int eventId, CancellationToken cancellationToken)
    {
        var record = await db.ForumRecords.AsNoTracking().SingleOrDefaultAsync(r => r.EventId == eventId, cancellationToken);
        IReadOnlyList<string>? agenda = null;
        if (record?.IsAgendaPublished == true)
        {
            agenda = await db.AgendaItems.AsNoTracking().Where(i => i.EventId == eventId && i.State == AgendaItemState.OnAgenda)
                .OrderBy(i => i.Position).ThenBy(i => i.Id).Select(i => i.Topic).ToListAsync(cancellationToken);
        }

        if (record?.AreMinutesPublished != true)
        {
            return new ForumPapersView(agenda, null, []);
        }

        var actions = await (
                from action in db.ForumActions.AsNoTracking()
                where action.EventId == eventId
                join entry in db.ResponseEntries.AsNoTracking().Where(e => e.IsPublished) on action.ResponseEntryId equals entry.Id into entries
                from entry in entries.DefaultIfEmpty()
                orderby action.CreatedAt, action.Id
                select new PublicForumAction(action.Text, entry == null ? null : entry.Reference, entry == null ? null : entry.Title, entry == null ? null : entry.Status))
            .ToListAsync(cancellationToken);
        return new ForumPapersView(agenda, markdown.Render(record.MinutesMarkdown), actions);
    }
}
