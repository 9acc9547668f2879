using Engagement.Domain.Common;
using Engagement.Domain.Feedback;
using Engagement.Infrastructure.Identity;
using Engagement.IntegrationTests.Accounts;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Providers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.IntegrationTests.Feedback;

/// <summary>
/// A care provider who gives feedback signed in to their organisation's account sends it for the organisation: the
/// check page says so, the item records the account, and the organisation's dedicated commissioner is emailed the
/// reference and a link (never the text). Anybody else's feedback stays unattributed.
/// </summary>
public sealed class ProviderFeedbackTests(FeedbackFactory factory) : IClassFixture<FeedbackFactory>
{
    private async Task<(string Email, string Id, string Organisation)> ProviderWithCommissionerAsync()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"provider-{Guid.NewGuid():N}@example.org";
        var organisation = "Feedback Care " + Guid.NewGuid().ToString("N")[..6];
        var commissionerId = await Triage.Staff.UserIdAsync(factory, TestAccounts.Commissioner);
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Pat Provider",
            OrganisationName = organisation,
            ProviderType = ProviderType.HomeCare,
            IsApproved = true,
            DedicatedCommissionerId = commissionerId,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, AccountTestSupport.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Provider)).Succeeded);
        return (email, user.Id, organisation);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ToCheckAnswersAsync(HttpClient client, string role, string text)
    {
        var (_, page) = await Html.GetAsync(client, "/feedback/who");
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Role"] = role });
        if (role == nameof(SubmitterRole.CareProvider))
        {
            page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.ProviderType"] = nameof(ProviderType.HomeCare) });
        }

        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Section"] = "HomeCare" });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.Text"] = text });
        page = await FeedbackJourney.PostAsync(client, page, new() { ["Input.PrioritiesNotSure"] = "true" });
        page = await FeedbackJourney.PostAsync(client, page, []);
        Assert.StartsWith("Check your answers", page.Title);
        return page;
    }

    [Fact]
    public async Task A_signed_in_care_provider_sends_feedback_for_their_organisation_and_its_dedicated_commissioner_is_told()
    {
        var (email, id, organisation) = await ProviderWithCommissionerAsync();
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, email, AccountTestSupport.Password);
        var text = "Rota changes at short notice are hard for our carers " + Guid.NewGuid();

        var check = await ToCheckAnswersAsync(client, nameof(SubmitterRole.CareProvider), text);
        Assert.Contains(organisation, check.QuerySelector("#answer-organisation").Text(), StringComparison.Ordinal);
        var (_, confirmation) = await FeedbackJourney.SendAsync(client, check);
        var reference = confirmation.QuerySelector("#reference").Text();

        await using var db = factory.CreateDbContext();
        var item = await db.FeedbackItems.AsNoTracking().SingleAsync(f => f.Reference == reference);
        Assert.Equal(id, item.ProviderAccountId);
        var notice = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == DedicatedCommissionerNotice.FeedbackKind && m.RelatedId == item.Id.ToString());
        Assert.Equal(TestAccounts.Commissioner, notice.ToAddress);
        Assert.Contains(reference, notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"/staff/feedback/{item.Id}", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Rota changes", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Rota changes", notice.HtmlBody ?? "", StringComparison.Ordinal);

        var commissioner = await Triage.Staff.CommissionerAsync(factory);
        var (_, itemPage) = await Html.GetAsync(commissioner, $"/staff/feedback/{item.Id}");
        Assert.Contains(organisation, itemPage.QuerySelector("#sent-for").Text(), StringComparison.Ordinal);
        Assert.NotNull(itemPage.QuerySelector($"#sent-for a[href='/staff/providers/{id}']"));
    }

    [Fact]
    public async Task Signing_out_at_check_your_answers_keeps_the_answers_and_sends_them_without_the_organisation()
    {
        var (email, _, organisation) = await ProviderWithCommissionerAsync();
        var client = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(client, email, AccountTestSupport.Password);
        var text = "Sent after signing out " + Guid.NewGuid();
        var check = await ToCheckAnswersAsync(client, nameof(SubmitterRole.CareProvider), text);
        Assert.Contains(organisation, check.QuerySelector("#answer-organisation").Text(), StringComparison.Ordinal);

        var signedOut = await Html.SubmitAsync(client, check, new Dictionary<string, string>(), "form[action='/account/logout']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedOut.StatusCode);
        var (_, again) = await Html.GetAsync(client, "/feedback/check");
        Assert.StartsWith("Check your answers", again.Title);
        Assert.Equal(text, again.QuerySelector("#answer-text").Text());
        Assert.Null(again.QuerySelector("#answer-organisation"));

        var (_, confirmation) = await FeedbackJourney.SendAsync(client, again);
        await using var db = factory.CreateDbContext();
        var item = await db.FeedbackItems.AsNoTracking().SingleAsync(f => f.Reference == confirmation.QuerySelector("#reference").Text());
        Assert.Equal(text, item.Text);
        Assert.Null(item.ProviderAccountId);
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == DedicatedCommissionerNotice.FeedbackKind && m.RelatedId == item.Id.ToString()));
    }

    [Fact]
    public async Task Feedback_from_a_provider_as_a_carer_or_from_anyone_signed_out_is_not_attributed_to_an_organisation()
    {
        var (email, _, _) = await ProviderWithCommissionerAsync();
        var signedIn = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(signedIn, email, AccountTestSupport.Password);
        var asCarer = await ToCheckAnswersAsync(signedIn, nameof(SubmitterRole.CarerOrFamily), "As a carer " + Guid.NewGuid());
        Assert.Null(asCarer.QuerySelector("#answer-organisation"));
        var (_, first) = await FeedbackJourney.SendAsync(signedIn, asCarer);

        var signedOut = factory.CreateBrowserClient();
        var anonymous = await ToCheckAnswersAsync(signedOut, nameof(SubmitterRole.CareProvider), "Signed out provider " + Guid.NewGuid());
        Assert.Null(anonymous.QuerySelector("#answer-organisation"));
        var (_, second) = await FeedbackJourney.SendAsync(signedOut, anonymous);

        await using var db = factory.CreateDbContext();
        foreach (var reference in new[] { first.QuerySelector("#reference").Text(), second.QuerySelector("#reference").Text() })
        {
            var item = await db.FeedbackItems.AsNoTracking().SingleAsync(f => f.Reference == reference);
            Assert.Null(item.ProviderAccountId);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == DedicatedCommissionerNotice.FeedbackKind && m.RelatedId == item.Id.ToString()));
        }
    }
}
