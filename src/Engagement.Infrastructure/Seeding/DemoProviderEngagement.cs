using Engagement.Domain.Calendar;
using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Data;
using Engagement.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Engagement.Infrastructure.Seeding;

/// <summary>
/// Demo provider organisations of every service type with engagement records over the last and the current quarter,
/// and the market standard they are measured against: per type, one organisation meets the standard, one partly meets
/// it (its records wait for review and, last quarter, nobody was told what changed) and one misses it (families only,
/// nothing told, nothing published; this quarter only a record that was sent back). Care home and home care
/// organisations have the demo commissioner as their dedicated commissioner. These organisations have no password
/// (nobody signs in as them); the two demo provider accounts start with no records, for recording one yourself.
/// </summary>
public static class DemoProviderEngagement
{
    public enum Standing
    {
        Meets,
        Partly,
        Misses,
    }

    public static readonly (string Email, string Organisation, ProviderType Type, ProviderServiceType Service, string Slug, Standing Standing)[] Organisations =
    [
        ($"combe-down@{SeedOptions.DemoDomain}", "Combe Down Care Home", ProviderType.CareHome, ProviderServiceType.CareHome, "combe-down-care-home", Standing.Meets),
        ($"larkhall@{SeedOptions.DemoDomain}", "Larkhall Nursing Home", ProviderType.CareHome, ProviderServiceType.CareHome, "larkhall-nursing-home", Standing.Partly),
        ($"widcombe@{SeedOptions.DemoDomain}", "Widcombe House", ProviderType.CareHome, ProviderServiceType.CareHome, "widcombe-house", Standing.Misses),
        ($"keynsham-care@{SeedOptions.DemoDomain}", "Keynsham Care at Home", ProviderType.HomeCare, ProviderServiceType.HomeCareBranch, "keynsham-care-at-home", Standing.Meets),
        ($"midsomer-homecare@{SeedOptions.DemoDomain}", "Midsomer Home Support", ProviderType.HomeCare, ProviderServiceType.HomeCareBranch, "midsomer-home-support", Standing.Partly),
        ($"peasedown@{SeedOptions.DemoDomain}", "Peasedown Home Care", ProviderType.HomeCare, ProviderServiceType.HomeCareBranch, "peasedown-home-care", Standing.Misses),
        ($"charlton-court@{SeedOptions.DemoDomain}", "Charlton Court Extra Care", ProviderType.ExtraCareHousing, ProviderServiceType.ExtraCareScheme, "charlton-court-extra-care", Standing.Meets),
        ($"greenway-lane@{SeedOptions.DemoDomain}", "Greenway Lane Extra Care", ProviderType.ExtraCareHousing, ProviderServiceType.ExtraCareScheme, "greenway-lane-extra-care", Standing.Partly),
        ($"oldfield-park@{SeedOptions.DemoDomain}", "Oldfield Park Extra Care", ProviderType.ExtraCareHousing, ProviderServiceType.ExtraCareScheme, "oldfield-park-extra-care", Standing.Misses),
        ($"safelink@{SeedOptions.DemoDomain}", "SafeLink Telecare", ProviderType.TechnologyEnabledCare, ProviderServiceType.TechnologyEnabledCare, "safelink-telecare", Standing.Meets),
        ($"brightwatch@{SeedOptions.DemoDomain}", "Brightwatch Technology Care", ProviderType.TechnologyEnabledCare, ProviderServiceType.TechnologyEnabledCare, "brightwatch-technology-care", Standing.Partly),
        ($"chew-valley@{SeedOptions.DemoDomain}", "Chew Valley Telecare", ProviderType.TechnologyEnabledCare, ProviderServiceType.TechnologyEnabledCare, "chew-valley-telecare", Standing.Misses),
    ];

    /// <summary>The standard the demo market is measured against: the three examples and one a commissioner checks.</summary>
    public static readonly CriterionDefinition[] Standard =
    [
        new("Engaged with the people using the service", "At least once a quarter, the people using the service took part in a meeting, survey, review or similar.", CriterionCheck.EngagedPeopleUsingService, 1),
        new("Told them what changed within eight weeks", "Each engagement moved on to action planned, in progress, completed or not taken forward (with what it led to) within eight weeks.", CriterionCheck.RespondedWithinWeeks, 8),
        new("Published a \"You said, we did\"", "At least one engagement a quarter approved and published on the provider's own page.", CriterionCheck.PublishedRecords, 1),
        new("Acted on what complaints showed", "The dedicated commissioner is satisfied, from contract monitoring, that complaints led to changes people were told about.", CriterionCheck.CheckedByCommissioner, null),
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
        var current = StandardQuarter.Containing(today);
        var last = current.Previous;
        var criteria = Standard.Select((d, n) => StandardCriterion.Create(d, n + 1, now).Value!).ToList();
        db.StandardCriteria.AddRange(criteria);
        await db.SaveChangesAsync(cancellationToken);
        var checkedByCommissioner = criteria.Single(c => c.Check == CriterionCheck.CheckedByCommissioner);
        DateTime NoLaterThanNow(DateTime at) => at > now ? now : at;

        var i = 0;
        foreach (var (email, organisation, type, service, slug, standing) in Organisations)
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
                DedicatedCommissionerId = type is ProviderType.CareHome or ProviderType.HomeCare ? commissionerId : null,
                CreatedAt = now,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Could not create demo provider: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Provider);

            foreach (var quarter in new[] { last, current })
            {
                var story = Stories[(i + (quarter == current ? 1 : 0)) % Stories.Length];
                var heldOn = quarter == last ? last.Start.AddDays(10 + (5 * i)) : Min(current.Start.AddDays(3 + i), today);
                var who = standing == Standing.Misses ? EngagementParticipants.Families | EngagementParticipants.Staff : story.Who | EngagementParticipants.PeopleUsingTheService;
                var details = new EngagementDetails(
                    organisation, service, type == ProviderType.CareHome ? $"1-{100000000 + (i * 1111):D9}" : null, heldOn, story.Kind, story.Count + i,
                    who, story.Heard, standing == Standing.Meets ? story.Did : "", null, story.Priorities);
                var at = NoLaterThanNow(heldOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
                var record = EngagementRecord.Create(user.Id, details, today, user.Id, at);
                if (!record.Succeeded)
                {
                    throw new InvalidOperationException("Demo engagement record refused: " + record.Error);
                }

                var r = record.Value!;
                r.ChangeStatus(ResponseStatus.UnderReview, null, null, user.Id, NoLaterThanNow(at.AddHours(2)));
                switch (standing)
                {
                    case Standing.Meets:
                        {
                            var did = story.Did.Length > 0 ? story.Did : "We arranged a volunteer driver scheme for trips out.";
                            r.ChangeStatus(ResponseStatus.ActionPlanned, did, heldOn.AddDays(56), user.Id, NoLaterThanNow(at.AddDays(3)));
                            if (quarter == last)
                            {
                                r.ChangeStatus(ResponseStatus.Completed, did, null, user.Id, NoLaterThanNow(at.AddDays(30)));
                            }

                            r.Approve(commissionerId, NoLaterThanNow(at.AddDays(31)));
                            break;
                        }

                    case Standing.Misses when quarter == current:
                        r.Approve(commissionerId, NoLaterThanNow(at.AddHours(3)));
                        r.SendBack("Please remove the first name in the second sentence.", commissionerId, NoLaterThanNow(at.AddHours(4)));
                        break;
                }

                db.EngagementRecords.Add(r);

                if (standing != Standing.Misses)
                {
                    var outcome = standing == Standing.Meets ? CriterionOutcome.Met : CriterionOutcome.Partly;
                    var judged = StandardJudgement.Record(user.Id, checkedByCommissioner, quarter, outcome, today, commissionerId, NoLaterThanNow(at.AddDays(1)));
                    if (judged.Succeeded)
                    {
                        db.StandardJudgements.Add(judged.Value!);
                    }
                }
            }

            i++;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
