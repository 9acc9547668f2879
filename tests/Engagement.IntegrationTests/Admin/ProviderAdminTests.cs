using System.Net;
using Engagement.Domain.Common;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Admin;

public sealed class ProviderAdminTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<(string Email, string Id)> PendingProviderAsync(bool approved = false)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"provider-{Guid.NewGuid():N}@example.org";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Pat Provider",
            OrganisationName = "Org " + Guid.NewGuid().ToString("N")[..8],
            ProviderType = ProviderType.CareHome,
            IsApproved = approved,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, AccountTestSupport.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Provider)).Succeeded);
        return (email, user.Id);
    }

    private async Task<ApplicationUser> UserAsync(string id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<List<Engagement.Domain.Auditing.AuditRecord>> AuditAsync(string id)
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditRecords.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<Engagement.Domain.Email.OutboxMessage> EmailAsync(string kind, string id)
    {
        await using var db = factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == kind && m.RelatedId == id);
    }

    [Fact]
    public async Task A_commissioner_rejects_a_registration_with_a_reason_which_is_emailed_and_kept_out_of_the_audit()
    {
        var (email, id) = await PendingProviderAsync();
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var staffHome = await Html.ParseAsync(await commissioner.GetAsync("/staff"));
        Assert.NotNull(staffHome.QuerySelector("a[href='/staff/providers']"));
        var queue = await Html.ParseAsync(await commissioner.GetAsync("/staff/providers"));
        Assert.NotNull(queue.QuerySelector($"a[href='/staff/providers/{id}']"));

        var empty = await Triage.Staff.PostExpectingErrorAsync(commissioner, "/staff/providers/" + id, "#reject-form", new() { ["Input.RejectReason"] = " " });
        Assert.Equal(["Enter the reason it is rejected: we email it to the provider"], Html.ErrorSummary(empty));
        Assert.Equal("Input_RejectReason-error", empty.QuerySelector("#Input_RejectReason")!.GetAttribute("aria-describedby"));

        const string reason = "We could not find this CQC location; please register again with the right one.";
        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(commissioner, "/staff/providers/" + id, "#reject-form", new() { ["Input.RejectReason"] = reason }), "/staff/providers/" + id);

        var user = await UserAsync(id);
        Assert.NotNull(user.RejectedAt);
        Assert.False(user.IsApproved);
        var sent = await EmailAsync("provider-rejected", id);
        Assert.Equal(email, sent.ToAddress);
        Assert.Contains(reason, sent.TextBody, StringComparison.Ordinal);
        var audit = (await AuditAsync(id)).Single(a => a.Action == "provider.rejected");
        Assert.Equal("type=CareHome", audit.Detail);
        Assert.DoesNotContain(reason, string.Join(" ", (await AuditAsync(id)).Select(a => a.Detail)), StringComparison.Ordinal);
        var after = await Html.ParseAsync(await commissioner.GetAsync("/staff/providers"));
        Assert.Null(after.QuerySelector($"a[href='/staff/providers/{id}']"));

        // A rejected organisation can still be approved later, and is told so.
        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(commissioner, "/staff/providers/" + id, "#approve-form", []), "/staff/providers/" + id);
        Assert.True((await UserAsync(id)).IsApproved);
        Assert.Contains("approved", (await EmailAsync("provider-approved", id)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_suspends_an_organisation_which_ends_its_session_then_lifts_the_suspension()
    {
        var (email, id) = await PendingProviderAsync(approved: true);
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, email, AccountTestSupport.Password);
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync("/account/setup-2fa")).StatusCode);
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);

        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var (_, asCommissioner) = await Html.GetAsync(commissioner, "/staff/providers/" + id);
        Assert.Null(asCommissioner.QuerySelector("#suspend-form"));

        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(admin, "/staff/providers/" + id, "#suspend-form", new() { ["Input.SuspendReason"] = "Registration with CQC cancelled" }), "/staff/providers/" + id);

        Assert.Equal(HttpStatusCode.Redirect, (await provider.GetAsync("/account/setup-2fa")).StatusCode);
        var user = await UserAsync(id);
        Assert.NotNull(user.SuspendedAt);
        Assert.False(user.IsApproved);
        Assert.Contains("Registration with CQC cancelled", (await EmailAsync("provider-suspended", id)).TextBody, StringComparison.Ordinal);
        var list = await Html.ParseAsync(await admin.GetAsync("/admin/providers"));
        Assert.Contains("Suspended", list.QuerySelectorAll("#organisations tbody tr").Single(r => r.InnerHtml.Contains(id, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(admin, "/staff/providers/" + id, "#reinstate-form", []), "/staff/providers/" + id);
        Assert.True((await UserAsync(id)).IsApproved);
        Assert.Null((await UserAsync(id)).SuspendedAt);
        Assert.Equal(["provider.suspended", "provider.reinstated"], (await AuditAsync(id)).Where(a => a.Action.StartsWith("provider.", StringComparison.Ordinal)).Select(a => a.Action));
        Assert.Equal(email, (await EmailAsync("provider-reinstated", id)).ToAddress);
    }

    [Fact]
    public async Task An_administrator_sets_the_kind_of_care_and_the_dedicated_commissioner_who_is_told_as_is_the_provider()
    {
        var (email, id) = await PendingProviderAsync(approved: true);
        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        var commissionerId = await Triage.Staff.UserIdAsync(factory, TestAccounts.Commissioner);

        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(admin, "/staff/providers/" + id, "#update-form", new()
        {
            ["Input.ProviderType"] = nameof(ProviderType.HomeCare),
            ["Input.DedicatedCommissionerId"] = commissionerId,
        }), "/staff/providers/" + id);

        var user = await UserAsync(id);
        Assert.Equal(ProviderType.HomeCare, user.ProviderType);
        Assert.Equal(commissionerId, user.DedicatedCommissionerId);
        var page = await Html.ParseAsync(await admin.GetAsync("/staff/providers/" + id));
        Assert.NotEqual("Not assigned", page.QuerySelector("#dedicated-commissioner").Text());
        Assert.Equal(email, (await EmailAsync("provider-commissioner-assigned", id)).ToAddress);
        Assert.Equal(TestAccounts.Commissioner, (await EmailAsync("commissioner-provider-assigned", id)).ToAddress);
        var actions = (await AuditAsync(id)).Select(a => (a.Action, a.Detail)).ToList();
        Assert.Contains(("provider.type-changed", "from=CareHome;to=HomeCare"), actions);
        Assert.Contains(("provider.commissioner-assigned", "commissioner=" + commissionerId), actions);

        // A commissioner cannot change these.
        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var (_, asCommissioner) = await Html.GetAsync(commissioner, "/staff/providers/" + id);
        var forbidden = await commissioner.PostAsync($"/staff/providers/{id}?handler=Update", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(asCommissioner),
            ["Input.ProviderType"] = nameof(ProviderType.Other),
        }));
        Assert.True(forbidden.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        Assert.Equal(ProviderType.HomeCare, (await UserAsync(id)).ProviderType);
    }

    [Fact]
    public async Task An_organisation_that_also_gives_home_care_can_book_the_home_care_forum_once_an_administrator_says_so()
    {
        var (email, id) = await PendingProviderAsync(approved: true);
        var forum = await Events.EventsTestSupport.AddEventAsync(factory, audience: Engagement.Domain.Events.EventAudience.HomeCareProviders, title: "Home care forum, kinds test");
        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, email, AccountTestSupport.Password);
        var before = await Html.ParseAsync(await provider.GetAsync($"/events/{forum}"));
        Assert.Contains("not registered as a home care provider", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var admin = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        var (_, form) = await Html.GetAsync(admin, "/staff/providers/" + id);
        Assert.NotNull(form.QuerySelector("#Input_OtherProviderTypes"));
        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(admin, "/staff/providers/" + id, "#update-form", new()
        {
            ["Input.OtherProviderTypes"] = nameof(ProviderType.HomeCare),
        }), "/staff/providers/" + id);

        var user = await UserAsync(id);
        Assert.Equal(ProviderType.CareHome, user.ProviderType);
        Assert.Equal(ProviderTypeSet.Bit(ProviderType.HomeCare), user.OtherProviderTypes);
        var page = await Html.ParseAsync(await admin.GetAsync("/staff/providers/" + id));
        Assert.Equal("Care home, home care", page.QuerySelector("#provider-type").Text());
        Assert.Contains(("provider.other-types-changed", "from=;to=HomeCare"), (await AuditAsync(id)).Select(a => (a.Action, a.Detail)));
        var list = await Html.ParseAsync(await admin.GetAsync("/admin/providers"));
        Assert.Contains("Care home, home care", list.QuerySelectorAll("#organisations tbody tr").Single(r => r.InnerHtml.Contains(id, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);

        var after = await Html.ParseAsync(await provider.GetAsync($"/events/{forum}"));
        Assert.DoesNotContain("not registered as a home care provider", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector($"a[href^='/events/{forum}/register']"));

        // Saving the form again unchanged audits nothing more, and an unknown kind is refused with the answers kept.
        Triage.Staff.AssertRedirect(await Triage.Staff.PostAsync(admin, "/staff/providers/" + id, "#update-form", []), "/staff/providers/" + id);
        Assert.Single(await AuditAsync(id), a => a.Action == "provider.other-types-changed");
        var (_, again) = await Html.GetAsync(admin, "/staff/providers/" + id);
        var refused = await admin.PostAsync($"/staff/providers/{id}?handler=Update", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Html.AntiforgeryToken(again)),
            new("Input.ProviderType", nameof(ProviderType.CareHome)),
            new("Input.OtherProviderTypes", "77"),
        ]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(["Select only the kinds of care listed"], Html.ErrorSummary(await Html.ParseAsync(refused)));
        Assert.Equal(ProviderTypeSet.Bit(ProviderType.HomeCare), (await UserAsync(id)).OtherProviderTypes);
    }

    [Fact]
    public async Task The_dedicated_commissioner_is_emailed_when_their_provider_books_a_forum()
    {
        var (email, id) = await PendingProviderAsync(approved: true);
        var commissionerId = await Triage.Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        await using (var db = factory.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(set => set.SetProperty(u => u.DedicatedCommissionerId, commissionerId));
        }

        var forum = await Events.EventsTestSupport.AddEventAsync(factory, audience: Engagement.Domain.Events.EventAudience.CareHomeProviders, title: "Care home forum, test");
        var booked = await Events.EventsTestSupport.RegisterAsync(factory, Events.EventsTestSupport.Command(forum, email) with
        {
            Registrant = Engagement.Domain.Events.Registrant.Provider(ProviderType.CareHome, true),
            UserId = id,
        });
        Assert.True(booked.Succeeded, booked.Error);

        var registration = Assert.Single(await Events.EventsTestSupport.RegistrationsAsync(factory, forum));
        await using var check = factory.CreateDbContext();
        var notice = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == Engagement.Web.Features.Providers.DedicatedCommissionerNotice.BookingKind && m.RelatedId == registration.Id.ToString());
        Assert.Equal(TestAccounts.Commissioner, notice.ToAddress);
        Assert.Contains("Care home forum, test", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(email, notice.TextBody, StringComparison.Ordinal);

        // A booking by the public tells nobody.
        var publicEvent = await Events.EventsTestSupport.AddEventAsync(factory);
        Assert.True((await Events.EventsTestSupport.RegisterAsync(factory, Events.EventsTestSupport.Command(publicEvent, "someone@example.org"))).Succeeded);
        var other = Assert.Single(await Events.EventsTestSupport.RegistrationsAsync(factory, publicEvent));
        Assert.False(await check.OutboxMessages.AnyAsync(m => m.Kind == Engagement.Web.Features.Providers.DedicatedCommissionerNotice.BookingKind && m.RelatedId == other.Id.ToString()));
    }
}
