using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.ProviderEngagement;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.EngagementStandard;

/// <summary>A commissioner judges a commissioner-checked criterion for one provider, for the last or the current quarter.</summary>
public sealed record RecordJudgement(string ProviderUserId, int CriterionId, DateOnly QuarterStart, CriterionOutcome? Outcome, string UserId);

public sealed class RecordJudgementHandler(EngagementDbContext db, TimeProvider clock)
{
    public async Task<DomainResult> HandleAsync(RecordJudgement command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Domain.Calendar.WorkingDayCalendar.UkDate(now);
        var current = StandardQuarter.Containing(today);
        if (!await db.Users.AsNoTracking().Approved().AnyAsync(u => u.Id == command.ProviderUserId, cancellationToken))
        {
            return DomainResult.NotFound("The provider organisation was not found");
        }

        var criterion = await db.StandardCriteria.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CriterionId, cancellationToken);
        if (criterion is null)
        {
            return DomainResult.NotFound("The criterion was not found");
        }

        if (StandardQuarter.StartingOn(command.QuarterStart) is not { } quarter || (quarter != current && quarter != current.Previous))
        {
            return DomainResult.Refused("Only the current and the last quarter can be judged");
        }

        var judged = StandardJudgement.Record(command.ProviderUserId, criterion, quarter, command.Outcome, today, command.UserId, now);
        if (!judged.Succeeded)
        {
            return judged.WithoutValue();
        }

        return await db.InTransactionAsync(async token =>
        {
            db.StandardJudgements.Add(judged.Value!);
            await db.SaveChangesAsync(token);
            db.AuditRecords.Add(StandardAudit.Judgement(judged.Value!, quarter));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken);
    }
}
