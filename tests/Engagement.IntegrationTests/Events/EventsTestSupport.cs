using Engagement.Domain.Events;
using Engagement.Infrastructure.Security;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Events;

public static class EventsTestSupport
{
    /// <summary>Adds an event open for booking now, starting in <paramref name="startsIn"/>.</summary>
    public static async Task<int> AddEventAsync(
        EngagementFactory factory,
        int capacity = 30,
        string title = "Test workshop",
        string description = "A test event.",
        EventAudience audience = EventAudience.Anyone,
        TimeSpan? startsIn = null,
        AttendanceMode mode = AttendanceMode.Both)
    {
        var now = DateTime.UtcNow;
        var start = now + (startsIn ?? TimeSpan.FromDays(20));
        await using var db = factory.CreateDbContext();
        var ev = new Event
        {
            Kind = audience switch
            {
                EventAudience.CareHomeProviders => EventKind.CareHomeProviderForum,
                EventAudience.HomeCareProviders => EventKind.HomeCareProviderForum,
                _ => EventKind.CoProductionWorkshop,
            },
            Audience = audience,
            Title = title,
            Description = description,
            StartsAt = start,
            EndsAt = start.AddHours(2),
            Mode = mode,
            Venue = mode == AttendanceMode.Online ? null : "Guildhall, Bath",
            JoiningLink = mode == AttendanceMode.InPerson ? null : "https://meet.example.org/secret-room",
            Capacity = capacity,
            RegistrationOpensAt = now.AddDays(-1),
            RegistrationClosesAt = start.AddMinutes(-1),
            CreatedAt = now,
        };
        db.Events.Add(ev);
        await db.SaveChangesAsync();
        return ev.Id;
    }

    public static RegisterForEvent Command(int eventId, string email, string name = "Test Person", string? token = null) =>
        new(eventId, name, email, null, null, token ?? SecureToken.Create(), Domain.Events.Registrant.Public);

    public static async Task<Engagement.Domain.Common.DomainResult<RegistrationReceipt>> RegisterAsync(EngagementFactory factory, RegisterForEvent command)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegisterForEventHandler>().HandleAsync(command);
    }

    public static async Task<List<Registration>> RegistrationsAsync(EngagementFactory factory, int eventId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync();
    }
}
