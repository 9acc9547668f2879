using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Infrastructure;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Email;
using Engagement.Infrastructure.Events;
using Engagement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Features.Events;

/// <summary>
/// A request for a place. The caller has validated the answers; <see cref="Token"/> is the private link token (only its
/// hash is stored) and <see cref="Registrant"/> says who is asking (for the audience rules).
/// </summary>
public sealed record RegisterForEvent(
    int EventId,
    string Name,
    string Email,
    string? Organisation,
    string? AccessNeeds,
    string Token,
    Registrant Registrant,
    string? UserId = null);

public sealed record RegistrationReceipt(int EventId, RegistrationStatus Status, string Token);

/// <summary>
/// Books a place without ever overbooking, on SQLite and SQL Server alike: in one transaction, a conditional
/// <c>UPDATE Events SET ConfirmedCount = ConfirmedCount + 1 WHERE Id = @id AND ConfirmedCount &lt; Capacity</c> decides
/// (one row: confirmed; none: waiting list), then the registration and its confirmation email are saved with it.
/// The UPDATE is the transaction's first statement, so on SQLite writers queue on the busy timeout rather than failing,
/// and on SQL Server the row lock serialises them. See docs/decisions/0007-no-overbooking.md.
/// </summary>
public sealed class RegisterForEventHandler(
    EngagementDbContext db,
    EmailOutbox outbox,
    TimeProvider clock,
    IOptions<ServiceOptions> service)
{
    public const string AlreadyBooked = "You are already booked on this event";

    public async Task<DomainResult<RegistrationReceipt>> HandleAsync(RegisterForEvent command, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ev = await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == command.EventId, cancellationToken);
        if (ev is null)
        {
            return DomainResult<RegistrationReceipt>.NotFound("This event does not exist.");
        }

        var allowed = ev.CanRegister(now, command.Registrant);
        if (!allowed.Succeeded)
        {
            return DomainResult<RegistrationReceipt>.Refused(allowed.Error!);
        }

        var email = command.Email.Trim();
        var normalised = EventText.NormaliseEmail(email);
        var existing = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == ev.Id && r.NormalisedEmail == normalised)
            .Select(r => new { r.Id, r.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (existing is not null && existing.Status != RegistrationStatus.Cancelled)
        {
            return DomainResult<RegistrationReceipt>.Refused(AlreadyBooked, "Email");
        }

        try
        {
            return await db.InTransactionAsync(async token =>
            {
                var placed = await db.Events
                    .Where(e => e.Id == ev.Id && !e.IsCancelled && e.ConfirmedCount < e.Capacity)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ConfirmedCount, e => e.ConfirmedCount + 1), token);
                var status = placed == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;

                Registration registration;
                if (existing is not null)
                {
                    // Booking again after cancelling: the one row per address and event comes back to life.
                    registration = await db.Registrations.SingleAsync(r => r.Id == existing.Id && r.Status == RegistrationStatus.Cancelled, token);
                    registration.CancelledAt = null;
                    registration.Version = Guid.NewGuid();
                }
                else
                {
                    registration = new Registration { EventId = ev.Id };
                    db.Registrations.Add(registration);
                }

                registration.Name = command.Name.Trim();
                registration.Email = email;
                registration.NormalisedEmail = normalised;
                registration.Organisation = string.IsNullOrWhiteSpace(command.Organisation) ? null : command.Organisation.Trim();
                registration.AccessNeeds = string.IsNullOrWhiteSpace(command.AccessNeeds) ? null : command.AccessNeeds.Trim();
                registration.Status = status;
                registration.CreatedAt = now;
                registration.ConfirmedAt = status == RegistrationStatus.Confirmed ? now : null;
                registration.TokenHash = SecureToken.Hash(command.Token);
                registration.UserId = command.UserId;
                await db.SaveChangesAsync(token);

                outbox.Queue(EventEmails.Confirmation(service.Value, ev, registration, command.Token, now));
                await Providers.DedicatedCommissionerNotice.QueueBookingAsync(db, outbox, service.Value, command.UserId, ev, registration, token);
                await db.SaveChangesAsync(token);
                return DomainResult<RegistrationReceipt>.Ok(new RegistrationReceipt(ev.Id, status, command.Token));
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same address won the unique index (EventId, NormalisedEmail) a moment earlier; the transaction,
            // place included, is rolled back.
            db.ChangeTracker.Clear();
            var booked = await db.Registrations.AsNoTracking()
                .AnyAsync(r => r.EventId == ev.Id && r.NormalisedEmail == normalised && r.Status != RegistrationStatus.Cancelled, cancellationToken);
            if (booked)
            {
                return DomainResult<RegistrationReceipt>.Refused(AlreadyBooked, "Email");
            }

            throw;
        }
    }
}
