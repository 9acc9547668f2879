using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.EngagementStandard;

/// <summary>A commissioner adds (no <see cref="CriterionId"/>) or changes a criterion of the standard. Errors are keyed by <see cref="CriterionDefinition"/> property names.</summary>
public sealed record SaveCriterion(int? CriterionId, Guid? ExpectedVersion, CriterionDefinition Definition, string UserId);

/// <summary>A commissioner removes a criterion from the standard (it is retired: its judgements stay).</summary>
public sealed record RetireCriterion(int CriterionId, Guid ExpectedVersion, string UserId);

public sealed class SaveCriterionHandler(EngagementDbContext db, TimeProvider clock)
{
    public const string ConflictMessage =
        "Someone else changed this criterion while you were working on it. Your changes have not been saved. Open it again to see their changes, then make yours.";

    public static readonly string TooManyMessage = $"The standard can have at most {StandardLimits.MaxCriteria} criteria: remove one first";

    public async Task<DomainResult<int>> HandleAsync(SaveCriterion command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.InTransactionAsync(async token =>
        {
            if (command.CriterionId is not { } id)
            {
                var live = await db.StandardCriteria.Where(c => c.RetiredAt == null).CountAsync(token);
                if (live >= StandardLimits.MaxCriteria)
                {
                    return DomainResult<int>.Refused(TooManyMessage);
                }

                var position = (await db.StandardCriteria.MaxAsync(c => (int?)c.Position, token) ?? 0) + 1;
                var created = StandardCriterion.Create(command.Definition, position, now);
                if (!created.Succeeded)
                {
                    return created.WithoutValue().As<int>();
                }

                db.StandardCriteria.Add(created.Value!);
                await db.SaveChangesAsync(token);
                db.AuditRecords.Add(StandardAudit.Criterion(created.Value!.Id, StandardAudit.CriterionAdded, command.UserId, now));
                await db.SaveChangesAsync(token);
                return DomainResult<int>.Ok(created.Value.Id);
            }

            var found = await LoadAsync(id, command.ExpectedVersion ?? Guid.Empty, token);
            if (!found.Succeeded)
            {
                return found.WithoutValue().As<int>();
            }

            var edited = found.Value!.Edit(command.Definition, now);
            if (!edited.Succeeded)
            {
                return edited.As<int>();
            }

            db.AuditRecords.Add(StandardAudit.Criterion(id, StandardAudit.CriterionEdited, command.UserId, now));
            return await SaveAsync(id, token);
        }, cancellationToken);
    }

    public async Task<DomainResult> RetireAsync(RetireCriterion command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await db.InTransactionAsync(async token =>
        {
            var found = await LoadAsync(command.CriterionId, command.ExpectedVersion, token);
            if (!found.Succeeded)
            {
                return found.WithoutValue().As<int>();
            }

            var retired = found.Value!.Retire(now);
            if (!retired.Succeeded)
            {
                return retired.As<int>();
            }

            db.AuditRecords.Add(StandardAudit.Criterion(command.CriterionId, StandardAudit.CriterionRemoved, command.UserId, now));
            return await SaveAsync(command.CriterionId, token);
        }, cancellationToken);
        return result.WithoutValue();
    }

    private async Task<DomainResult<StandardCriterion>> LoadAsync(int id, Guid expectedVersion, CancellationToken token)
    {
        var criterion = await db.StandardCriteria.SingleOrDefaultAsync(c => c.Id == id, token);
        if (criterion is null)
        {
            return DomainResult<StandardCriterion>.NotFound("The criterion was not found");
        }

        if (criterion.Version != expectedVersion)
        {
            return DomainResult<StandardCriterion>.Conflict(ConflictMessage);
        }

        db.Entry(criterion).Property(c => c.Version).OriginalValue = expectedVersion;
        return DomainResult<StandardCriterion>.Ok(criterion);
    }

    private async Task<DomainResult<int>> SaveAsync(int id, CancellationToken token)
    {
        try
        {
            await db.SaveChangesAsync(token);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DomainResult<int>.Conflict(ConflictMessage);
        }

        return DomainResult<int>.Ok(id);
    }
}
