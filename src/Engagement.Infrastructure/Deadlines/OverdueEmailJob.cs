using System.Globalization;
using Engagement.Domain.Calendar;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Infrastructure.Deadlines;

/// <summary>
/// Each working-day morning, one email to every commissioner or administrator who opted in, listing the feedback whose
/// first response is overdue (references and due dates, never the text), oldest first. Nothing is sent when nothing is
/// overdue, at weekends or on bank holidays. Each account's day is claimed (a conditional update of
/// <see cref="ApplicationUser.OverdueEmailSentFor"/>) in the same transaction as its outbox row, so two instances
/// running the job at once queue it once.
/// </summary>
public sealed class OverdueEmailJob(EngagementDbContext db, EmailOutbox outbox, FirstResponsePromise promise, TimeProvider clock, IOptions<ServiceOptions> service)
{
    public const string EmailKind = "feedback-overdue";
    public const int MaxListed = 50;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = WorkingDayCalendar.UkDate(now);
        if (!promise.Calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var overdue = db.FeedbackItems.AsNoTracking().Overdue(promise, now);
        var total = await overdue.CountAsync(cancellationToken);
        if (total == 0)
        {
            return 0;
        }

        var listed = await overdue.OrderBy(f => f.SubmittedAt).ThenBy(f => f.Id).Take(MaxListed)
            .Select(f => new { f.Id, f.Reference, f.SubmittedAt })
            .ToListAsync(cancellationToken);
        var staffRoles = await db.Roles.Where(r => r.Name == Roles.Commissioner || r.Name == Roles.Admin).Select(r => r.Id).ToListAsync(cancellationToken);
        var recipients = await db.Users.AsNoTracking()
            .Where(u => u.WantsOverdueEmail && !u.IsDisabled && u.Email != null && (u.OverdueEmailSentFor == null || u.OverdueEmailSentFor < today))
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && staffRoles.Contains(r.RoleId)))
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);

        var options = service.Value;
        var queued = 0;
        foreach (var recipient in recipients)
        {
            var sent = await db.InTransactionAsync(async token =>
            {
                var claimed = await db.Users
                    .Where(u => u.Id == recipient.Id && u.WantsOverdueEmail && (u.OverdueEmailSentFor == null || u.OverdueEmailSentFor < today))
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.OverdueEmailSentFor, today), token);
                if (claimed == 0)
                {
                    return false;
                }

                var layout = new EmailLayout(options)
                    .Greeting(recipient.DisplayName)
                    .Paragraph($"{total} {(total == 1 ? "feedback item has" : "feedback items have")} had no first response within {promise.WorkingDays} working days.");
                foreach (var item in listed)
                {
                    var deadline = promise.Deadline(item.SubmittedAt, now);
                    layout.Link($"{item.Reference}: due {deadline.Due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, {deadline.Describe().ToLowerInvariant()}", options.Link($"/staff/feedback/{item.Id}"));
                }

                if (total > listed.Count)
                {
                    layout.Paragraph($"And {total - listed.Count} more.");
                }

                layout.Link("See everything overdue in the inbox", options.Link("/staff/feedback?show=overdue&sort=due"))
                    .Paragraph("You asked for this email. To stop it, change the setting on the staff home page.");
                outbox.Queue(layout.ToMessage(recipient.Email!, null, $"Feedback overdue for a first response: {total}", EmailKind,
                    recipient.Id + ":" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            queued += sent ? 1 : 0;
        }

        return queued;
    }
}
