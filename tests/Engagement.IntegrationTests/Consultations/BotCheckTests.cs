using AngleSharp.Dom;
using Engagement.Domain.Consultations;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.Consultations;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.Consultations.ConsultationJourneySteps;

namespace Engagement.IntegrationTests.Consultations;

/// <summary>
/// The minimum-time check at its production default (Consultations:MinimumSecondsToComplete, 3 seconds from the
/// draft's start): a response sent sooner gets the same confirmation as any other, but is kept marked as sent too
/// quickly, out of the figures, with no acknowledgement; one sent 3 seconds after starting is counted and acknowledged.
/// A commissioner can count a held-back one in.
/// </summary>
public sealed class BotCheckTests(BotCheckTests.AtItsDefault factory) : IClassFixture<BotCheckTests.AtItsDefault>
{
    /// <summary>The consultations app with the setting left at its default.</summary>
    public sealed class AtItsDefault : ConsultationsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    }

    [Fact]
    public async Task A_response_sent_within_three_seconds_of_starting_is_held_back_unacknowledged_and_one_sent_at_three_seconds_counts()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Bot check at its default");

        var quick = factory.CreateBrowserClient();
        var check = await ToCheckAsync(quick, c, email: "quick@example.org");
        factory.Clock.Set(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(2.9));
        var quickSent = await SendAsync(quick, check);
        Assert.NotNull(quickSent.QuerySelector("#reference"));

        var person = factory.CreateBrowserClient();
        check = await ToCheckAsync(person, c, email: "person@example.org");
        factory.Clock.Set(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(3));
        var personSent = await SendAsync(person, check);
        Assert.NotNull(personSent.QuerySelector("#reference"));

        var responses = await factory.ResponsesAsync(c.Id);
        Assert.Equal([(true, false), (false, true)], responses.Select(r => (r.SentTooQuickly, r.IncludeInAnalysis)));
        await using (var db = factory.CreateDbContext())
        {
            var acknowledged = await db.OutboxMessages.Where(m => m.Kind == ConsultationEmails.AcknowledgementKind && (m.ToAddress == "quick@example.org" || m.ToAddress == "person@example.org"))
                .Select(m => m.ToAddress).ToListAsync();
            Assert.Equal(["person@example.org"], acknowledged);
        }

        var commissioner = await AnalysisTestSupport.CommissionerAsync(factory);
        var (_, analysis) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/analysis");
        Assert.Equal("1", analysis.QuerySelector("#counted")!.Text());
        Assert.StartsWith("1 response was sent online faster than a person could answer", analysis.QuerySelector("#too-quick-left-out")!.Text().Trim());

        // Staff see it held back and can count it in.
        var (_, list) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/responses");
        Assert.Contains("Sent too quickly, left out", list.QuerySelector($"td[data-too-quick='True']")!.Text());
        var (_, page) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/responses/{responses[0].Id}");
        Assert.Contains("left out of the figures", page.QuerySelector("#too-quick")!.Text());
        var counted = await Html.SubmitAsync(commissioner, page, new Dictionary<string, string>(), "#count-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, counted.StatusCode);
        Assert.True((await factory.ResponsesAsync(c.Id))[0].IncludeInAnalysis);
        (_, analysis) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/analysis");
        Assert.Equal("2", analysis.QuerySelector("#counted")!.Text());
    }

    [Fact]
    public async Task A_signed_in_provider_answering_a_providers_consultation_is_held_back_within_three_seconds_and_counted_at_three()
    {
        factory.Clock.Reset();
        var c = await factory.AddConsultationAsync("Bot check for signed-in providers", ConsultationAudience.Providers);

        // Signed in, the same rule applies: being a provider does not skip the check.
        var quick = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(quick, TestAccounts.CareHomeProvider);
        var check = await ToCheckAsync(quick, c, email: "quick-provider@example.org");
        factory.Clock.Set(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(2.9));
        var quickSent = await SendAsync(quick, check);
        Assert.NotNull(quickSent.QuerySelector("#reference"));

        var provider = factory.CreateBrowserClient();
        await TestAccounts.SignInAsync(provider, TestAccounts.HomeCareProvider);
        check = await ToCheckAsync(provider, c, email: "provider@example.org");
        factory.Clock.Set(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(3));
        var providerSent = await SendAsync(provider, check);
        Assert.NotNull(providerSent.QuerySelector("#reference"));

        var responses = await factory.ResponsesAsync(c.Id);
        Assert.Equal([(true, false), (false, true)], responses.Select(r => (r.SentTooQuickly, r.IncludeInAnalysis)));
        Assert.All(responses, r => Assert.NotNull(r.ProviderUserId));
        Assert.NotEqual(responses[0].ProviderUserId, responses[1].ProviderUserId);
        await using (var db = factory.CreateDbContext())
        {
            var acknowledged = await db.OutboxMessages.Where(m => m.Kind == ConsultationEmails.AcknowledgementKind && (m.ToAddress == "quick-provider@example.org" || m.ToAddress == "provider@example.org"))
                .Select(m => m.ToAddress).ToListAsync();
            Assert.Equal(["provider@example.org"], acknowledged);
        }

        var commissioner = await AnalysisTestSupport.CommissionerAsync(factory);
        var (_, analysis) = await Html.GetAsync(commissioner, $"/staff/consultations/{c.Id}/analysis");
        Assert.Equal("1", analysis.QuerySelector("#counted")!.Text());
        Assert.StartsWith("1 response was sent online faster than a person could answer", analysis.QuerySelector("#too-quick-left-out")!.Text().Trim());
    }
}
