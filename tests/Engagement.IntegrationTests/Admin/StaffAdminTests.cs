using System.Net;
using System.Text.RegularExpressions;
using Engagement.Domain.Accounts;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Testing;
using Engagement.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Engagement.IntegrationTests.Accounts.AccountTestSupport;

namespace Engagement.IntegrationTests.Admin;

public sealed class StaffAdminTests(AddressedFactory factory) : IClassFixture<AddressedFactory>
{
    private static string NewAddress() => $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.ClientFrom(NewAddress());
        await TestAccounts.SignInAsync(admin, TestAccounts.Admin);
        return admin;
    }

    private async Task<HttpClient> SignedInStaffAsync(string email, string key)
    {
        var client = factory.ClientFrom(NewAddress());
        var response = await PasswordAsync(client, email, Password, "/staff");
        Assert.StartsWith("/account/login-2fa", response.Headers.Location!.OriginalString);
        var (_, codePage) = await Html.GetAsync(client, response.Headers.Location.OriginalString);
        await TestAccounts.ForgetLastCodeAsync(factory, email);
        response = await Html.SubmitAsync(client, codePage, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal("/staff", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        return client;
    }

    /// <summary>Where a redirect goes, as a path (the cookie handler's redirects are absolute).</summary>
    private static string Where(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient admin, string id, string handler, Dictionary<string, string>? values = null) =>
        Triage.Staff.PostAsync(admin, "/admin/staff/" + id, $"#{handler}-form", values ?? []);

    private async Task<List<Engagement.Domain.Auditing.AuditRecord>> AuditAsync(string userId)
    {
        await using var db = factory.CreateDbContext();
        return await db.AuditRecords.AsNoTracking().Where(a => a.EntityType == "User" && a.EntityId == userId).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<Engagement.Domain.Email.OutboxMessage> EmailAsync(string kind, string userId)
    {
        await using var db = factory.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind && m.RelatedId == userId).OrderBy(m => m.Id).LastAsync();
    }

    [Fact]
    public async Task An_invited_commissioner_chooses_a_password_must_set_up_two_factor_and_the_link_works_once()
    {
        var admin = await AdminAsync();
        var email = $"invited-{Guid.NewGuid():N}@example.gov.uk";
        var (_, invite) = await Html.GetAsync(admin, "/admin/staff/invite");

        var missing = await Html.ParseAsync(await Html.SubmitAsync(admin, invite, new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Email"] = "not an email" }));
        Assert.StartsWith("Error: ", missing.Title);
        Assert.Equal(["Enter an email address in the correct format, like name@example.gov.uk", "Enter their full name", "Select commissioner or administrator"], Html.ErrorSummary(missing).Order());
        Assert.Equal("Input_Name-error", missing.QuerySelector("#Input_Name")!.GetAttribute("aria-describedby"));

        var sent = await Html.SubmitAsync(admin, invite, new Dictionary<string, string> { ["Input.Name"] = "Casey Commissioner", ["Input.Email"] = email, ["Input.Role"] = Roles.Commissioner });
        Triage.Staff.AssertRedirect(sent, "/admin/staff");
        var duplicate = await Html.ParseAsync(await Html.SubmitAsync(admin, invite, new Dictionary<string, string> { ["Input.Name"] = "Again", ["Input.Email"] = email, ["Input.Role"] = Roles.Admin }));
        Assert.Equal(["This email address already has an account"], Html.ErrorSummary(duplicate));

        var invited = await UserAsync(factory, email);
        Assert.Null(invited.PasswordHash);
        Assert.False(invited.EmailConfirmed);
        var audit = Assert.Single(await AuditAsync(invited.Id), a => a.Action == "staff.invited");
        Assert.Equal(("staff.invited", "role=Commissioner", await Triage.Staff.UserIdAsync(factory, TestAccounts.Admin)), (audit.Action, audit.Detail, audit.ActorUserId));

        // The email, as delivered to the pickup folder, carries the link.
        var eml = Unfold(await DeliveredEmailAsync(factory, email));
        var firstLink = WebUtility.HtmlDecode(Regex.Match(eml, "https://localhost(/account/invitation\\?userId=[^\\s\"<>]+)").Groups[1].Value);
        Assert.NotEmpty(firstLink);

        // Sent again (say the first went astray): the first link stops working, the new one works.
        Triage.Staff.AssertRedirect(await ActAsync(admin, invited.Id, "resend"), "/admin/staff/" + invited.Id);
        var (_, stale) = await Html.GetAsync(factory.ClientFrom(NewAddress()), firstLink);
        Assert.Equal("This invitation link has expired or has been used", stale.QuerySelector("h1").Text());
        Assert.Contains(await AuditAsync(invited.Id), a => a.Action == "staff.invitation-resent");
        var resent = await EmailAsync("staff-invitation", invited.Id); // the newest
        var link = Regex.Match(resent.TextBody!, "https://localhost(/account/invitation\\?userId=\\S+)").Groups[1].Value;
        Assert.NotEqual(firstLink, link);

        var person = factory.ClientFrom(NewAddress());
        var (_, accept) = await Html.GetAsync(person, link);
        Assert.Equal("Accept your invitation", accept.QuerySelector("h1").Text());
        var weak = await Html.ParseAsync(await Html.SubmitAsync(person, accept, new Dictionary<string, string> { ["Input.Password"] = "Password1234!" }));
        Assert.StartsWith("Error: ", weak.Title);
        Assert.Equal([Engagement.Web.Security.CommonPasswordValidator.Message], Html.ErrorSummary(weak));

        var chosen = await Html.SubmitAsync(person, weak, new Dictionary<string, string> { ["Input.Password"] = Password });
        Assert.Equal("/account/setup-2fa?returnUrl=%2Fstaff", chosen.Headers.Location!.OriginalString);
        var blocked = await person.GetAsync("/staff/feedback");
        Assert.StartsWith("/account/setup-2fa", blocked.Headers.Location!.OriginalString);

        var (_, setup) = await Html.GetAsync(person, "/account/setup-2fa?returnUrl=%2Fstaff");
        Assert.NotNull(setup.QuerySelector("svg#authenticator-qr"));
        var key = setup.QuerySelector("#shared-key").Text().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var done = await Html.ParseAsync(await Html.SubmitAsync(person, setup, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) }));
        Assert.Equal("Two-factor authentication is on", done.QuerySelector("h1").Text());
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/staff")).StatusCode);

        // The link works once.
        var (_, again) = await Html.GetAsync(factory.ClientFrom(NewAddress()), link);
        Assert.Equal("This invitation link has expired or has been used", again.QuerySelector("h1").Text());
        var accepted = await UserAsync(factory, email);
        Assert.True(accepted.EmailConfirmed);
        Assert.True(accepted.TwoFactorEnabled);
        Assert.NotNull(accepted.LastSignInAt);
        Assert.Contains(await AuditAsync(invited.Id), a => a.Action == "staff.invitation-accepted");

        // The staff list shows the last sign-in.
        var list = await Html.ParseAsync(await admin.GetAsync("/admin/staff"));
        var row = list.QuerySelectorAll("#staff tbody tr").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Never", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_commissioner_ends_their_session_at_once_and_enabling_lets_them_back()
    {
        var (email, id, key) = await CreateAccountAsync(factory, Roles.Commissioner, twoFactor: true);
        var session = await SignedInStaffAsync(email, key!);
        var admin = await AdminAsync();

        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "disable"), "/admin/staff/" + id);
        var ended = Where(await session.GetAsync("/staff"));
        Assert.StartsWith("/account/login", ended);
        Assert.DoesNotContain("2fa", ended, StringComparison.Ordinal);
        Assert.Equal([SignInOutcome.RefusedMessage], Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(factory.ClientFrom(NewAddress()), email, Password))));
        Assert.True((await UserAsync(factory, email)).IsDisabled);
        Assert.Contains("disabled", (await EmailAsync("staff-disabled", id)).TextBody, StringComparison.Ordinal);

        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "enable"), "/admin/staff/" + id);
        await SignedInStaffAsync(email, key!);
        Assert.Equal(["staff.disabled", "staff.enabled"], (await AuditAsync(id)).Where(a => a.Action.StartsWith("staff.", StringComparison.Ordinal)).Select(a => a.Action));
        Assert.Equal(email, (await EmailAsync("staff-enabled", id)).ToAddress);
        Assert.All(await AuditAsync(id), a => Assert.DoesNotContain("@", a.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Making_an_administrator_a_commissioner_takes_effect_on_their_next_request()
    {
        var (email, id, key) = await CreateAccountAsync(factory, Roles.Admin, twoFactor: true);
        var session = await SignedInStaffAsync(email, key!);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).StatusCode);
        var admin = await AdminAsync();

        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "role", new() { ["Input.Role"] = Roles.Commissioner }), "/admin/staff/" + id);

        Assert.NotEqual(HttpStatusCode.OK, (await session.GetAsync("/admin")).StatusCode);
        var again = await SignedInStaffAsync(email, key!);
        Assert.StartsWith("/account/access-denied", Where(await again.GetAsync("/admin")));
        var audit = (await AuditAsync(id)).Single(a => a.Action == "staff.role-changed");
        Assert.Equal("from=Admin;to=Commissioner", audit.Detail);
        Assert.Contains("a commissioner", (await EmailAsync("staff-role-changed", id)).TextBody, StringComparison.Ordinal);
        Assert.Equal("Commissioner", (await Html.ParseAsync(await admin.GetAsync("/admin/staff/" + id))).QuerySelector("#role").Text());
    }

    [Fact]
    public async Task Lifting_the_sign_in_wait_lets_a_commissioner_sign_in_from_a_new_device()
    {
        var (email, id, key) = await CreateAccountAsync(factory, Roles.Commissioner, twoFactor: true);
        var attacker = factory.ClientFrom(NewAddress());
        for (var i = 0; i < SignInDelay.FreeAttemptsPerAccount; i++)
        {
            await PasswordAsync(attacker, email, "not the password " + i);
        }

        Assert.Equal([SignInOutcome.WaitMessage(TimeSpan.FromMinutes(1))], Html.ErrorSummary(await Html.ParseAsync(await PasswordAsync(factory.ClientFrom(NewAddress()), email, Password))));
        var admin = await AdminAsync();
        Assert.Equal("5", (await Html.ParseAsync(await admin.GetAsync("/admin/staff/" + id))).QuerySelector("#failed-attempts").Text());

        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "unlock"), "/admin/staff/" + id);

        await SignedInStaffAsync(email, key!);
        Assert.Contains(await AuditAsync(id), a => a.Action == "staff.unlocked");
        Assert.Equal(email, (await EmailAsync("staff-unlocked", id)).ToAddress);
    }

    [Fact]
    public async Task Resetting_two_factor_ends_the_session_and_sends_them_to_set_it_up_again()
    {
        var (email, id, key) = await CreateAccountAsync(factory, Roles.Commissioner, twoFactor: true);
        var session = await SignedInStaffAsync(email, key!);
        var admin = await AdminAsync();

        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "reset-two-factor"), "/admin/staff/" + id);

        Assert.StartsWith("/account/login", Where(await session.GetAsync("/staff")));
        var client = factory.ClientFrom(NewAddress());
        Assert.Equal("/", (await PasswordAsync(client, email, Password)).Headers.Location!.OriginalString);
        Assert.StartsWith("/account/setup-2fa", Where(await client.GetAsync("/staff")));
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.False(user.TwoFactorEnabled);
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            Assert.NotEqual(key, await users.GetAuthenticatorKeyAsync(user));
        }

        Assert.Contains(await AuditAsync(id), a => a.Action == "staff.two-factor-reset");
        Assert.Contains("set up your authenticator app again", (await EmailAsync("staff-two-factor-reset", id)).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_enabled_administrator_cannot_be_disabled_or_made_a_commissioner()
    {
        var (email, id, key) = await CreateAccountAsync(factory, Roles.Admin, twoFactor: true);
        var admin = await SignedInStaffAsync(email, key!);
        await using (var db = factory.CreateDbContext())
        {
            // Every other administrator disabled: this one is the last.
            var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
            var others = db.UserRoles.Where(r => r.RoleId == adminRole && r.UserId != id).Select(r => r.UserId);
            await db.Users.Where(u => others.Contains(u.Id)).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, true));
        }

        var (other, otherId, _) = await CreateAccountAsync(factory, Roles.Commissioner);
        var demote = await Html.ParseAsync(await ActAsync(admin, id, "role", new() { ["Input.Role"] = Roles.Commissioner }));
        Assert.StartsWith("Error: ", demote.Title);
        Assert.Equal([AdministratorCover.LastAdministratorMessage], Html.ErrorSummary(demote));
        Assert.Equal("Administrator", demote.QuerySelector("#role").Text());

        // Promote someone else, and the change is allowed.
        Triage.Staff.AssertRedirect(await ActAsync(admin, otherId, "role", new() { ["Input.Role"] = Roles.Admin }), "/admin/staff/" + otherId);
        Triage.Staff.AssertRedirect(await ActAsync(admin, id, "role", new() { ["Input.Role"] = Roles.Commissioner }), "/admin/staff/" + id);
        Assert.Single(await AuditAsync(id), a => a.Action == "staff.role-changed"); // the refused attempt left no record
        Assert.Equal(other, (await EmailAsync("staff-role-changed", otherId)).ToAddress);

        await using var after = factory.CreateDbContext();
        await after.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.IsDisabled, false));
    }
}
