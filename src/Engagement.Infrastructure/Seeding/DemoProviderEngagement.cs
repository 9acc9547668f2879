using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// Demo provider organisations of every service type with engagement records: approved ones (on their public pages, the
/// directory and the priorities' pages) and some waiting for review or sent back. These organisations have no password
/// (nobody signs in as them); the two demo provider accounts start with no records, for recording one yourself.
/// </summary>
public static class DemoProviderEngagement
{
    public static readonly (string Email, string Organisation, ProviderType Type, ProviderServiceType Service, string Slug)[] Organisations =
    [
        ($"combe-down@{SeedOptions.DemoDomain}", "Combe Down Care Home", ProviderType.CareHome, ProviderServiceType.CareHome, "combe-down-care-home"),
        ($"larkhall@{SeedOptions.DemoDomain}", "Larkhall Nursing Home", ProviderType.CareHome, ProviderServiceType.CareHome, "larkhall-nursing-home"),
        ($"keynsham-care@{SeedOptions.DemoDomain}", "Keynsham Care at Home", ProviderType.HomeCare, ProviderServiceType.HomeCareBranch, "keynsham-care-at-home"),
        ($"midsomer-homecare@{SeedOptions.DemoDomain}", "Midsomer Home Support", ProviderType.HomeCare, ProviderServiceType.HomeCareBranch, "midsomer-home-support"),
        ($"charlton-court@{SeedOptions.DemoDomain}", "Charlton Court Extra Care", ProviderType.ExtraCareHousing, ProviderServiceType.ExtraCareScheme, "charlton-court-extra-care"),
        ($"greenway-lane@{SeedOptions.DemoDomain}", "Greenway Lane Extra Care", ProviderType.ExtraCareHousing, ProviderServiceType.ExtraCareScheme, "greenway-lane-extra-care"),
        ($"safelink@{SeedOptions.DemoDomain}", "SafeLink Telecare", ProviderType.TechnologyEnabledCare, ProviderServiceType.TechnologyEnabledCare, "safelink-telecare"),
        ($"brightwatch@{SeedOptions.DemoDomain}", "Brightwatch Technology Care", ProviderType.TechnologyEnabledCare, ProviderServiceType.TechnologyEnabledCare, "brightwatch-technology-care"),
    ];

    private static readonly (EngagementKind Kind, EngagementParticipants Who, int Count, string Heard, string Did, int[] Priorities)[] Stories =
    [
        (EngagementKind.ResidentsMeeting, EngagementParticipants.PeopleUsingTheService, 18,
            "People said mealtimes felt rushed and they wanted more say in the menu.", "We moved lunch half an hour later and residents now choose two menu days a month.", [6, 16]),
        (EngagementKind.RelativesMeeting, EngagementParticipants.Families, 11,
            "Families asked to hear sooner when something changes in the care plan.", "Key workers now phone the named relative within a day of any change.", [7, 16]),
        (EngagementKind.Survey, EngagementParticipants.PeopleUsingTheService | EngagementParticipants.Families, 64,
            "The survey showed visit times were the biggest worry: late calls and not knowing who is coming.", "We publish a weekly rota to each person and text if a carer is more than 15 minutes late.", [1, 2, 16]),
        (EngagementKind.OneToOneReviews, EngagementParticipants.PeopleUsingTheService, 23,
            "In reviews people said they wanted help to get out more, not only help at home.", "", [3, 18]),
        (EngagementKind.FeedbackBox, EngagementParticipants.PeopleUsingTheService | EngagementParticipants.Staff, 9,
            "Notes in the feedback box asked for more activities in the evenings.", "A film club and a board games evening started in the lounge.", [9, 16]),
        (EngagementKind.ComplaintReview, EngagementParticipants.Staff, 6,
            "Reviewing complaints showed pendant alarm tests were confusing people.", "We rewrote the monthly test call script with people who use the alarms.", [11, 12]),
    ];

    public static async Task SeedAsync(EngagementDbContext db, UserManager<ApplicationUser> users, string commissionerId, DateTime now, CancellationToken cancellationToken)
    {
        var today = WorkingDayCalendar.UkDate(now);
        var i = 0;
        foreach (var (email, organisation, type, service, slug) in Organisations)
        {
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = organisation + " manager",
                OrganisationName = organisation,
                ProviderType = type,
                ProviderSlug = slug,
                IsApproved = true,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo provider: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Provider);

            // Two or three records each, across the last two quarters: most approved, one waiting, the odd one sent back.
            for (var n = 0; n < 2 + (i % 2); n++)
            {
                var story = Stories[(i + n) % Stories.Length];
                var heldOn = today.AddDays(-(20 + (45 * n) + (7 * i)));
                var details = new EngagementDetails(
                    organisation, service, type == ProviderType.CareHome ? $"1-{100000000 + (i * 1111):D9}" : null, heldOn, story.Kind, story.Count + i,
                    story.Who, story.Heard, story.Did, null, story.Priorities);
                var at = heldOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
                var record = EngagementRecord.Create(user.Id, details, today, user.Id, at);
                if (!record.Succeeded)
                {
                    throw new InvalidOperationException("Demo engagement record refused: " + record.Error);
                }

                var r = record.Value!;
                r.ChangeStatus(ResponseStatus.UnderReview, null, null, user.Id, at.AddDays(1));
                if (story.Did.Length > 0)
                {
                    r.ChangeStatus(ResponseStatus.ActionPlanned, story.Did, heldOn.AddDays(56), user.Id, at.AddDays(3));
                    if (n > 0)
                    {
                        r.ChangeStatus(ResponseStatus.Completed, story.Did, null, user.Id, at.AddDays(30));
                    }
                }

                var waiting = n == 0 && i % 3 == 0;
                if (!waiting)
                {
                    r.Approve(commissionerId, at.AddDays(31));
                }

                if (n == 1 && i == 5)
                {
                    r.SendBack("Please remove the first name in the second sentence.", commissionerId, at.AddDays(32));
                }

                db.EngagementRecords.Add(r);
            }

            i++;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
