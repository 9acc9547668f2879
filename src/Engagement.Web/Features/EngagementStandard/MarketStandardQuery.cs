using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Data;
using Engagement.Web.Features.ProviderEngagement;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Web.Features.EngagementStandard;

/// <summary>One approved provider organisation against the standard, for the last and the current quarter.</summary>
public sealed record ProviderStanding(
    string ProviderUserId, string Organisation, ProviderType Type, string? CommissionerId, string? CommissionerName, StandardPosition Last, StandardPosition Current);

/// <summary>The standard as it is today and where providers stand against it.</summary>
public sealed record MarketPicture(DateOnly Today, StandardQuarter Current, StandardQuarter Last, IReadOnlyList<CriterionRule> Criteria, IReadOnlyList<ProviderStanding> Providers)
{
    public StandardQuarter QuarterFor(DateOnly start) => start == Last.Start ? Last : Current;
}

/// <summary>
/// The one place that reads what the standard is evaluated from: the live criteria, the records of approved
/// organisations held in the last and the current quarter (records sent back by a commissioner do not count), when each
/// was first given a responding status, and the commissioners' judgements. The market view, its CSV, the provider's
/// own page and the falling-behind job all read through here and evaluate with <see cref="MarketStandard.Evaluate"/>.
/// </summary>
public sealed class MarketStandardQuery(EngagementDbContext db, TimeProvider clock)
{
    public DateOnly Today => WorkingDayCalendar.UkDate(clock.GetUtcNow().UtcDateTime);

    public Task<List<CriterionRule>> CriteriaAsync(CancellationToken cancellationToken) =>
        db.StandardCriteria.AsNoTracking().Where(c => c.RetiredAt == null).OrderBy(c => c.Position).ThenBy(c => c.Id)
            .Select(c => new CriterionRule(c.Id, c.Name, c.Check, c.Parameter))
            .ToListAsync(cancellationToken);

    /// <summary>Every approved provider (or only <paramref name="providerUserId"/>), by type and name.</summary>
    public async Task<MarketPicture> MarketAsync(string? providerUserId, CancellationToken cancellationToken)
    {
        var today = Today;
        var current = StandardQuarter.Containing(today);
        var last = current.Previous;
        var criteria = await CriteriaAsync(cancellationToken);

        var providers = db.Users.AsNoTracking().Approved();
        if (providerUserId is not null)
        {
            providers = providers.Where(u => u.Id == providerUserId);
        }

        var organisations = await providers
            .Select(u => new
            {
                u.Id,
                u.OrganisationName,
                u.DisplayName,
                Type = u.ProviderType!.Value,
                u.DedicatedCommissionerId,
                CommissionerName = db.Users.Where(c => c.Id == u.DedicatedCommissionerId).Select(c => c.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = organisations.Select(o => o.Id).ToList();

        var responding = MarketStandard.RespondingStatuses.ToList();
        var records = await db.EngagementRecords.AsNoTracking()
            .Where(r => r.HeldOn >= last.Start && r.HeldOn <= current.End && r.Moderation != ModerationState.SentBack)
            .Where(r => providers.Any(u => u.Id == r.ProviderUserId))
            .Select(r => new
            {
                r.ProviderUserId,
                r.HeldOn,
                r.Participants,
                Published = r.Moderation == ModerationState.Approved,
                RespondedAt = r.History.Where(h => responding.Contains(h.ToStatus)).Min(h => (DateTime?)h.ChangedAt),
            })
            .ToListAsync(cancellationToken);
        var evidence = records.ToLookup(
            r => r.ProviderUserId,
            r => new StandardEvidence(r.HeldOn, r.Participants, r.Published, r.RespondedAt is { } at ? WorkingDayCalendar.UkDate(at) : null));

        var judgements = (await db.StandardJudgements.AsNoTracking()
            .Where(j => j.QuarterStart == last.Start || j.QuarterStart == current.Start)
            .Where(j => providers.Any(u => u.Id == j.ProviderUserId))
            .Select(j => new { j.ProviderUserId, j.CriterionId, j.QuarterStart, j.Outcome, j.JudgedAt })
            .ToListAsync(cancellationToken))
            .ToLookup(j => j.ProviderUserId, j => new JudgementFact(j.CriterionId, j.QuarterStart, j.Outcome, j.JudgedAt));

        var standings = organisations
            .Select(o => new ProviderStanding(
                o.Id, o.OrganisationName ?? o.DisplayName, o.Type, o.DedicatedCommissionerId, o.CommissionerName,
                MarketStandard.Evaluate(criteria, evidence[o.Id], judgements[o.Id], last, today),
                MarketStandard.Evaluate(criteria, evidence[o.Id], judgements[o.Id], current, today)))
            .OrderBy(s => s.Type).ThenBy(s => s.Organisation, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.ProviderUserId, StringComparer.Ordinal)
            .ToList();
        return new MarketPicture(today, current, last, criteria, standings);
    }
}
