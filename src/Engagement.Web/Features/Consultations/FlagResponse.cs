using System.Globalization;
using Engagement.Domain.Common;
using Engagement.Domain.Consultations;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Web.Features.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Consultations;

/// <summary><see cref="ExpectedVersion"/>: the response's version when the page was read (null skips the check).</summary>
public sealed record FlagResponse(int ConsultationId, int ResponseId, ResponseFlag? Flag, string UserId, Guid? ExpectedVersion = null);

/// <summary>A staff decision about a response is refused if someone else decided something about it since the page was read.</summary>
public static class ResponseVersion
{
    public const string StaleMessage = "Someone else changed this response since you opened this page, so nothing was changed. Check it below and try again.";

    /// <summary>
    /// Null when the response is still at <paramref name="expected"/> (which then becomes the concurrency token's
    /// original value, so a change racing this one is caught on save); otherwise the conflict to return.
    /// </summary>
    public static DomainResult? Check(EngagementDbContext db, ConsultationResponse response, Guid? expected)
    {
        if (expected is not { } version)
        {
            return null;
        }

        if (response.Version != version)
        {
            return DomainResult.Conflict(StaleMessage);
        }

        db.Entry(response).Property(r => r.Version).OriginalValue = version;
        return null;
    }

    /// <summary>Runs the decision, turning a concurrent save (caught by the database) into the same conflict.</summary>
    public static async Task<DomainResult> GuardAsync(EngagementDbContext db, Func<Task<DomainResult>> decide)
    {
        try
        {
            return await decide();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult.Conflict(StaleMessage);
        }
    }
}

/// <summary>
/// Flags a response as a safeguarding concern or a complaint, as for feedback. A safeguarding concern is escalated the
/// same way: the same email to the safeguarding contact (the reference and a staff link, never the text) and an audit
/// record, in the same transaction; the flag cannot be changed back. A response is never published either way.
/// </summary>
public sealed class FlagResponseHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service,
    IOptions<SafeguardingOptions> safeguarding)
{
    public Task<DomainResult> HandleAsync(FlagResponse command, CancellationToken cancellationToken = default) =>
        ResponseVersion.GuardAsync(db, () => db.InTransactionAsync(async token =>
        {
            var response = await db.ConsultationResponses
                .SingleOrDefaultAsync(r => r.Id == command.ResponseId && r.ConsultationId == command.ConsultationId, token);
            if (response is null)
            {
                return DomainResult.NotFound("The response was not found");
            }

            if (ResponseVersion.Check(db, response, command.ExpectedVersion) is { } stale)
            {
                return stale;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var flagged = response.FlagAs(command.Flag ?? ResponseFlag.None, command.UserId, now);
            if (!flagged.Succeeded)
            {
                return flagged;
            }

            if (response.Flag == ResponseFlag.SafeguardingConcern)
            {
                outbox.Queue(TriageEmails.SafeguardingEscalation(service.Value, safeguarding.Value.NotifyEmail, "consultation response", response.Reference,
                    $"/staff/consultations/{response.ConsultationId}/responses/{response.Id}", "consultation-response-" + response.Id.ToString(CultureInfo.InvariantCulture)));
            }

            db.AuditRecords.Add(ConsultationAudit.Record(nameof(ConsultationResponse), response.Id,
                response.Flag == ResponseFlag.SafeguardingConcern ? ConsultationAudit.ResponseSafeguardingFlagged : ConsultationAudit.ResponseFlagged,
                command.UserId, now, $"consultation={response.ConsultationId};flag={response.Flag}"));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken));
}

public sealed record CountHeldBackResponse(int ConsultationId, int ResponseId, bool Include, string UserId, Guid? ExpectedVersion = null);

/// <summary>A commissioner decides whether a held-back response (late, or sent too quickly) counts in the figures (it is left out until they do).</summary>
public sealed class CountHeldBackResponseHandler(EngagementDbContext db, TimeProvider clock)
{
    public Task<DomainResult> HandleAsync(CountHeldBackResponse command, CancellationToken cancellationToken = default) =>
        ResponseVersion.GuardAsync(db, () => db.InTransactionAsync(async token =>
        {
            var response = await db.ConsultationResponses
                .SingleOrDefaultAsync(r => r.Id == command.ResponseId && r.ConsultationId == command.ConsultationId, token);
            if (response is null)
            {
                return DomainResult.NotFound("The response was not found");
            }

            if (ResponseVersion.Check(db, response, command.ExpectedVersion) is { } stale)
            {
                return stale;
            }

            var counted = response.CountInAnalysis(command.Include);
            if (!counted.Succeeded)
            {
                return counted;
            }

            db.AuditRecords.Add(ConsultationAudit.Record(nameof(ConsultationResponse), response.Id, ConsultationAudit.ResponseCounted,
                command.UserId, clock.GetUtcNow().UtcDateTime, $"consultation={response.ConsultationId};include={command.Include}"));
            await db.SaveChangesAsync(token);
            return DomainResult.Ok;
        }, cancellationToken));
}
