using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Forums;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// The forum loop in demo data: a care home forum held last quarter, with its published agenda (providers' items and a
/// commissioner's, one not taken), minutes and an action that became the demo entry on dementia training; and the
/// upcoming care home forum with providers' suggestions waiting for a commissioner. Built through the domain's own rules,
/// at the times they would have happened.
/// </summary>
public static class DemoForums
{
    public static async Task SeedAsync(EngagementDbContext db, Event upcoming, ResponseEntry dementiaEntry, DateTime now, CancellationToken cancellationToken)
    {
        var organisations = await db.Users.Where(u => u.ProviderType == ProviderType.CareHome && u.IsApproved)
            .OrderBy(u => u.CreatedAt).Select(u => new { u.Id, u.OrganisationName }).ToListAsync(cancellationToken);
        string Org(string name) => organisations.First(o => o.OrganisationName == name).Id;
        var riverside = Org("Riverside Care Home");
        var combeDown = Org("Combe Down Care Home");
        var larkhall = Org("Larkhall Nursing Home");

        var start = now.Date.AddDays(-56).AddHours(10);
        var past = new Event
        {
            Kind = EventKind.CareHomeProviderForum,
            Audience = EventAudience.CareHomeProviders,
            Title = "Care home provider forum",
            Description = "The quarterly forum for care home providers: workforce, hospital discharge and dementia care.",
            StartsAt = start,
            EndsAt = start.AddHours(2),
            Mode = AttendanceMode.InPerson,
            Venue = "Guildhall, High Street, Bath BA1 5AW",
            Capacity = 40,
            RegistrationOpensAt = start.AddDays(-42),
            RegistrationClosesAt = start.AddDays(-1),
            CreatedAt = start.AddDays(-42),
            SeriesId = upcoming.SeriesId,
            Priorities = [new EventPriority { PriorityNumber = 7 }, new EventPriority { PriorityNumber = 15 }],
        };
        db.Events.Add(past);
        await db.SaveChangesAsync(cancellationToken);

        var suggestedAt = start.AddDays(-21);
        AgendaItem Suggest(Event forum, string org, string topic, string why, int[] priorities, DateTime at) =>
            AgendaItem.Propose(forum, Registrant.Provider(ProviderType.CareHome, true), org, false, new AgendaItemDetails(topic, why, priorities), at).Value
                ?? throw new InvalidOperationException("Demo agenda item is invalid: " + topic);

        var training = Suggest(past, riverside, "Dementia training for night staff",
            "Night staff support residents with complex dementia but most training runs in the day.", [7, 15], suggestedAt);
        var discharge = Suggest(past, combeDown, "Hospital discharges late on Fridays",
            "Residents arrive after 6pm without medication or a discharge summary.", [6], suggestedAt.AddDays(1));
        var parking = Suggest(past, larkhall, "Parking for visiting professionals",
            "District nurses lose time finding somewhere to park.", [], suggestedAt.AddDays(2));
        db.AgendaItems.AddRange(training, discharge, parking);
        await db.SaveChangesAsync(cancellationToken);

        var decidedAt = start.AddDays(-10);
        training.PlaceOnAgenda(1, decidedAt);
        discharge.PlaceOnAgenda(2, decidedAt);
        parking.NotTake(decidedAt);
        var update = AgendaItem.AddByCommissioner(past, new AgendaItemDetails("Update on the Care Home Flexible Framework",
            "Where the framework review has got to.", [5]), 3, decidedAt).Value!;
        db.AgendaItems.Add(update);
        var record = ForumRecord.For(past);
        record.PublishAgenda(past, 3, start.AddDays(-8));
        var minutes = record.PublishMinutes(past, """
            ## Dementia training for night staff

            Providers said night staff miss out on dementia training, which mostly runs in the day. The council agreed to
            fund places on an accredited programme, with **evening and weekend** sessions.

            ## Hospital discharges late on Fridays

            Providers described late discharges without medication. The discharge team will join the next forum.

            ## Care Home Flexible Framework

            Commissioners gave an update on the review; the new framework is planned for next year.
            """, start.AddDays(2));
        if (!minutes.Succeeded)
        {
            throw new InvalidOperationException("Demo minutes are invalid: " + minutes.Error);
        }

        db.ForumRecords.Add(record);
        var action = ForumAction.Record(past, "Fund accredited dementia training places for care home staff, with evening and weekend sessions",
            [training], start.AddDays(2)).Value!;
        var follow = ForumAction.Record(past, "Invite the hospital discharge team to the next care home forum", [discharge], start.AddDays(2)).Value!;
        db.ForumActions.AddRange(action, follow);
        await db.SaveChangesAsync(cancellationToken);
        action.BecameEntry(dementiaEntry.Id);
        dementiaEntry.Events.Add(new ResponseEntryEvent { EventId = past.Id });

        // The upcoming forum: suggestions in, waiting for a commissioner.
        var asked = now.AddDays(-3);
        db.AgendaItems.AddRange(
            Suggest(upcoming, riverside, "Agency staff costs", "Agency rates for nurses went up again this quarter and fees have not followed.", [14, 15], asked),
            Suggest(upcoming, combeDown, "Hospital discharge: what has changed", "A follow-up to last quarter's action on late Friday discharges.", [6], asked.AddHours(5)),
            Suggest(upcoming, larkhall, "Falls sensors in care homes", "We would like to hear what other homes have tried.", [11, 12], asked.AddDays(1)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
