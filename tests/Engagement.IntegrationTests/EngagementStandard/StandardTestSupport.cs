using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Domain.Responses;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.EngagementStandard;

/// <summary>Providers, records and criteria for the market standard tests, written with the real domain methods.</summary>
public static class StandardTestSupport
{
    /// <summary>An approved provider organisation (it can sign in with <see cref="AccountTestSupport.Password"/>).</summary>
    public static async Task<(string Email, string Id)> ProviderAsync(
        EngagementFactory factory, string organisation, ProviderType type = ProviderType.CareHome, string? commissionerEmail = null)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"standard-{Guid.NewGuid():N}@example.org";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Pat Provider",
            OrganisationName = organisation,
            ProviderType = type,
            IsApproved = true,
            DedicatedCommissionerId = commissionerEmail is null ? null : await Triage.Staff.UserIdAsync(factory, commissionerEmail),
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, AccountTestSupport.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Provider)).Succeeded);
        return (email, user.Id);
    }

    /// <summary>
    /// A record held on <paramref name="heldOn"/> (created that day at noon UTC), moved to action planned on
    /// <paramref name="respondedOn"/> when given, and approved when <paramref name="approved"/>.
    /// </summary>
    public static async Task<int> RecordAsync(
        EngagementFactory factory, string providerId, DateOnly heldOn, EngagementParticipants who = EngagementParticipants.PeopleUsingTheService,
        DateOnly? respondedOn = null, bool approved = false, bool sentBack = false)
    {
        var at = heldOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        var details = new EngagementDetails("Riverside", ProviderServiceType.CareHome, null, heldOn, EngagementKind.ResidentsMeeting, 10, who,
            "People asked for more choice.", "", null, []);
        var record = EngagementRecord.Create(providerId, details, heldOn, providerId, at).Value!;
        if (respondedOn is { } on)
        {
            Assert.True(record.ChangeStatus(ResponseStatus.UnderReview, null, null, providerId, at).Succeeded);
            Assert.True(record.ChangeStatus(ResponseStatus.ActionPlanned, "We will add a second option.", on.AddDays(30), providerId, on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)).Succeeded);
        }

        if (approved || sentBack)
        {
            Assert.True(record.Approve("reviewer", at.AddDays(1)).Succeeded);
        }

        if (sentBack)
        {
            Assert.True(record.SendBack("Please remove the name.", "reviewer", at.AddDays(2)).Succeeded);
        }

        await using var db = factory.CreateDbContext();
        db.EngagementRecords.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    }

    /// <summary>Replaces the standard with <paramref name="definitions"/> (retiring what was there); returns their ids in order.</summary>
    public static async Task<List<int>> StandardAsync(EngagementFactory factory, params CriterionDefinition[] definitions)
    {
        await using var db = factory.CreateDbContext();
        var at = DateTime.UtcNow;
        foreach (var live in await db.StandardCriteria.Where(c => c.RetiredAt == null).ToListAsync())
        {
            live.Retire(at);
        }

        var created = definitions.Select((d, i) => StandardCriterion.Create(d, 100 + i, at).Value!).ToList();
        db.StandardCriteria.AddRange(created);
        await db.SaveChangesAsync();
        return created.Select(c => c.Id).ToList();
    }

    public static readonly CriterionDefinition Engaged = new("Engaged with the people using the service", "At least once a quarter", CriterionCheck.EngagedPeopleUsingService, 1);
    public static readonly CriterionDefinition Told = new("Told them what changed within eight weeks", "Each engagement", CriterionCheck.RespondedWithinWeeks, 8);
    public static readonly CriterionDefinition Published = new("Published a You said, we did", "At least one a quarter", CriterionCheck.PublishedRecords, 1);
    public static readonly CriterionDefinition Complaints = new("Acted on complaints", "A commissioner checks", CriterionCheck.CheckedByCommissioner, null);
}
