using Engagement.Domain.Common;
using Engagement.Domain.Events;
using Engagement.Domain.Feedback;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Engagement.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// Demo accounts (one per role), feedback, published entries and upcoming events: enough to show every page with
/// content. Runs only when Seed:DemoData is true, which Production refuses. Idempotent: it does nothing once the
/// demo commissioner exists.
/// </summary>
public sealed class DemoDataSeeder(
    EngagementDbContext db,
    UserManager<ApplicationUser> users,
    IUserStore<ApplicationUser> userStore,
    ReferenceNumbers references,
    TimeProvider clock)
{
    public static readonly (string Email, string Name, string Role, ProviderType? Type, string? Organisation)[] Accounts =
    [
        ($"admin@{SeedOptions.DemoDomain}", "Alex Admin", Roles.Admin, null, null),
        ($"commissioner@{SeedOptions.DemoDomain}", "Chris Commissioner", Roles.Commissioner, null, null),
        ($"carehome.provider@{SeedOptions.DemoDomain}", "Pat Care Home", Roles.Provider, ProviderType.CareHome, "Riverside Care Home"),
        ($"homecare.provider@{SeedOptions.DemoDomain}", "Sam Home Care", Roles.Provider, ProviderType.HomeCare, "Avon Home Care Ltd"),
    ];

    /// <summary>
    /// Seeds the demo data. The staff accounts get two-factor authentication on, with <paramref name="authenticatorKey"/>
    /// (base32) as their authenticator-app key.
    /// </summary>
    public async Task SeedAsync(string password, string authenticatorKey, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(Accounts[1].Email) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string commissionerId = "";
        foreach (var (email, name, role, type, organisation) in Accounts)
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                ProviderType = type,
                OrganisationName = organisation,
                IsApproved = true,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo account: " +
                    string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
            if (role is Roles.Commissioner or Roles.Admin)
            {
                await ((IUserAuthenticatorKeyStore<ApplicationUser>)userStore).SetAuthenticatorKeyAsync(user, authenticatorKey, cancellationToken);
                await users.SetTwoFactorEnabledAsync(user, true);
            }

            if (role == Roles.Commissioner)
            {
                commissionerId = user.Id;
            }
        }

        var events = SeedEvents(now);
        db.Events.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);

        var entries = await SeedEntriesAsync(commissionerId, now, cancellationToken);
        await SeedFeedbackAsync(entries, events[0], now, cancellationToken);
        await DemoProviderEngagement.SeedAsync(db, users, commissionerId, now, cancellationToken);
        await DemoForums.SeedAsync(db, events[1], entries[2], now, cancellationToken);
        await DemoConsultations.SeedAsync(db, references, commissionerId, now, cancellationToken);
    }

    private static List<Event> SeedEvents(DateTime now)
    {
        Event Make(EventKind kind, EventAudience audience, string title, string description, int daysAhead, int capacity, AttendanceMode mode, params int[] priorities) => new()
        {
            Kind = kind,
            Audience = audience,
            Title = title,
            Description = description,
            StartsAt = now.Date.AddDays(daysAhead).AddHours(10),
            EndsAt = now.Date.AddDays(daysAhead).AddHours(12),
            Mode = mode,
            Venue = mode == AttendanceMode.Online ? null : "Guildhall, High Street, Bath BA1 5AW",
            AccessibilityInformation = mode == AttendanceMode.Online ? null : "Step-free access, hearing loop, accessible toilets on the ground floor.",
            JoiningLink = mode == AttendanceMode.InPerson ? null : "https://meet.example.org/engagement-demo",
            Capacity = capacity,
            RegistrationOpensAt = now.AddDays(-7),
            RegistrationClosesAt = now.Date.AddDays(daysAhead - 1),
            CreatedAt = now,
            Priorities = priorities.Select(p => new EventPriority { PriorityNumber = p }).ToList(),
        };

        return
        [
            Make(EventKind.CoProductionWorkshop, EventAudience.Anyone, "Designing home care together",
                "A co-production workshop for people who draw on home care, their carers and families. Tell us what good home care looks like to you.",
                21, 25, AttendanceMode.Both, 3, 16, 17),
            Make(EventKind.CareHomeProviderForum, EventAudience.CareHomeProviders, "Care home provider forum",
                "The quarterly forum for care home providers: fees, workforce and the Care Home Flexible Framework.",
                35, 40, AttendanceMode.InPerson, 5, 6, 7),
            Make(EventKind.HomeCareProviderForum, EventAudience.HomeCareProviders, "Home care provider forum",
                "The quarterly forum for home care providers: the framework review, rates and recruitment.",
                42, 40, AttendanceMode.Online, 1, 2, 3, 4),
            Make(EventKind.CoProductionWorkshop, EventAudience.Anyone, "Technology-enabled care: what would help you?",
                "Try out sensors, pendant alarms and video calling, and tell us what would make a difference at home.",
                56, 15, AttendanceMode.InPerson, 11, 12, 13),
        ];
    }

    private async Task<List<ResponseEntry>> SeedEntriesAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var seeds = new (string Title, string YouSaid, string WeDid, ServiceSection Section, int[] Priorities, ResponseStatus[] Path, string Team)[]
        {
            ("Home care visits arriving late",
                "People who draw on home care and their carers told us visits often arrive late or are cut short, especially at weekends.",
                "We are reviewing **visit times** with every provider on the framework and will publish punctuality figures each quarter.",
                ServiceSection.HomeCare, [3], [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned], "Home care commissioning"),
            ("Clearer information about extra care housing",
                "Families said it is hard to find out what extra care housing is, who it is for and what it costs.",
                "We wrote a new guide to extra care housing with residents and published it on the council website.\n\n- Costs explained in plain English\n- A map of every scheme",
                ServiceSection.ExtraCareHousing, [10], [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress, ResponseStatus.Completed], "Housing and extra care"),
            ("Training for care homes supporting people with dementia",
                "Care home providers told us staff need more training to support people with complex dementia.",
                "We are funding places on an accredited dementia training programme for care home staff.",
                ServiceSection.ResidentialAndNursing, [7, 15], [ResponseStatus.UnderReview, ResponseStatus.ActionPlanned, ResponseStatus.InProgress], "Care home commissioning"),
            ("Trying out technology before committing",
                "People said they would like to try assistive technology before deciding whether it is right for them.",
                "We looked at a loan scheme. It is not affordable this year, so we are adding demonstrations to our workshops instead.",
                ServiceSection.AssistiveTechnology, [11, 12], [ResponseStatus.UnderReview, ResponseStatus.NotTakenForward], "Technology-enabled care programme"),
            ("Being part of commissioning decisions",
                "Carers said they want a real say in how services are commissioned, not just a survey at the end.",
                "We are setting up co-production workshops before each major commissioning decision.",
                ServiceSection.CoProduction, [16, 17, 18], [ResponseStatus.UnderReview], "Commissioning team"),
        };

        var entries = new List<ResponseEntry>();
        var year = now.Year;
        var step = 0;
        foreach (var seed in seeds)
        {
            var number = await references.NextAsync(ReferenceNumbers.Response, year, cancellationToken);
            var started = now.AddDays(-60 + step * 5);
            var entry = ResponseEntry.Create(ResponseEntry.FormatReference(year, number), seed.Title, userId, started);
            entry.YouSaidSummary = seed.YouSaid;
            entry.WeDidMarkdown = seed.WeDid;
            entry.Section = seed.Section;
            entry.OwnerTeam = seed.Team;
            entry.Priorities = seed.Priorities.Select(p => new ResponseEntryPriority { PriorityNumber = p }).ToList();
            entry.Publish(started.AddDays(1));
            var at = started.AddDays(2);
            foreach (var status in seed.Path)
            {
                var note = status switch
                {
                    ResponseStatus.ActionPlanned => "We have agreed a plan and a date to deliver it.",
                    ResponseStatus.Completed => "The change is in place.",
                    ResponseStatus.NotTakenForward => "The cost could not be met within this year's budget.",
                    _ => null,
                };
                DateOnly? target = status == ResponseStatus.ActionPlanned ? DateOnly.FromDateTime(now.AddDays(90)) : null;
                var result = entry.ChangeStatus(status, note, target, userId, at);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo entry path is invalid: {result.Error}");
                }

                at = at.AddDays(4);
            }

            entries.Add(entry);
            step++;
        }

        db.ResponseEntries.AddRange(entries);
        await db.SaveChangesAsync(cancellationToken);
        return entries;
    }

    private async Task SeedFeedbackAsync(List<ResponseEntry> entries, Event workshop, DateTime now, CancellationToken cancellationToken)
    {
        var seeds = new (string Text, SubmitterRole Role, ServiceSection Section, int[] Priorities, int? EntryIndex, FeedbackChannel Channel)[]
        {
            ("My mum's carers often arrive an hour late on Sundays.", SubmitterRole.CarerOrFamily, ServiceSection.HomeCare, [3], 0, FeedbackChannel.OnlineForm),
            ("Visits are rushed and the carer had to leave before lunch was ready.", SubmitterRole.PersonDrawingOnCare, ServiceSection.HomeCare, [3], 0, FeedbackChannel.Phone),
            ("I couldn't find any information about what extra care housing costs.", SubmitterRole.CarerOrFamily, ServiceSection.ExtraCareHousing, [10], 1, FeedbackChannel.OnlineForm),
            ("Our staff need more dementia training to support residents with complex needs.", SubmitterRole.CareProvider, ServiceSection.ResidentialAndNursing, [7], 2, FeedbackChannel.Forum),
            ("Could we try a falls sensor before buying one?", SubmitterRole.PersonDrawingOnCare, ServiceSection.AssistiveTechnology, [12], 3, FeedbackChannel.Workshop),
            ("Carers should be involved before decisions are made, not after.", SubmitterRole.CarerOrFamily, ServiceSection.CoProduction, [17], 4, FeedbackChannel.OnlineForm),
            ("Recruitment is our biggest problem: we lost three staff this month.", SubmitterRole.CareProvider, ServiceSection.Workforce, [14, 15], null, FeedbackChannel.OnlineForm),
            ("I'm worried a neighbour is being neglected by their family.", SubmitterRole.SomeoneElse, ServiceSection.SomethingElse, [], null, FeedbackChannel.OnlineForm),
        };

        var year = now.Year;
        var i = 0;
        foreach (var seed in seeds)
        {
            var number = await references.NextAsync(ReferenceNumbers.Feedback, year, cancellationToken);
            var linked = seed.EntryIndex is { } index ? entries[index] : null;
            var submittedAt = now.AddDays(-65 + i * 6);
            var item = FeedbackItem.Receive(
                new NewFeedback(seed.Role, seed.Role == SubmitterRole.CareProvider ? ProviderType.CareHome : null, seed.Section, seed.Text, seed.Channel,
                    seed.Priorities, EventId: seed.Channel == FeedbackChannel.Workshop ? workshop.Id : null),
                FeedbackItem.FormatReference(year, number),
                SecureToken.Hash(SecureToken.Create()),
                submittedAt,
                possibleSafeguarding: seed.Text.Contains("neglect", StringComparison.OrdinalIgnoreCase));
            if (linked is not null)
            {
                // Answered when the entry was first published (or on arrival, for feedback that came later).
                if (linked.FirstPublishedAt is { } published)
                {
                    item.RecordFirstResponse(published > submittedAt ? published : submittedAt);
                }

                item.LinkTo(linked, submittedAt);
            }

            db.FeedbackItems.Add(item);
            i++;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
