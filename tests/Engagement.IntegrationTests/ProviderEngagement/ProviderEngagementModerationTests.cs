using System.Net;
using Engagement.Domain.Providers;
using Engagement.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Engagement.IntegrationTests.ProviderEngagement.ProviderEngagementTestSupport;

namespace Engagement.IntegrationTests.ProviderEngagement;

/// <summary>
/// The moderation rule: a record is public only once a commissioner approves it, on the provider's page, in the directory
/// and on its priorities' pages, marked as the provider's own; waiting, sent back or changed since approval, it is on none.
/// </summary>
public sealed class ProviderEngagementModerationTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    private async Task<bool> IsPublicAnywhereAsync(string text, string slug, int priority)
    {
        var pages = new[] { $"/providers/{slug}", "/providers", "/providers?type=care-home", $"/priorities/{priority}" };
        foreach (var url in pages)
        {
            var page = await PublicAsync(factory, url);
            if (page.DocumentElement.TextContent.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task An_unreviewed_record_is_on_no_public_page_and_an_approved_one_is_on_all_of_them_marked_as_the_providers_own()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        const string heard = "Residents said the garden door was hard to open.";
        var id = await RecordAsync(provider, Form(heard, "Moderation Test House", priority: 6));
        var slug = await SlugOfAsync(factory, TestAccounts.CareHomeProvider);

        // Warm the caches with the record unpublished, so approval must evict them.
        Assert.False(await IsPublicAnywhereAsync(heard, slug, 6));
        Assert.False(await IsPublicAnywhereAsync("Moderation Test House", slug, 6));

        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        var (_, queue) = await Html.GetAsync(commissioner, "/staff/provider-engagement");
        Assert.NotNull(queue.QuerySelector($"#queue a[href='/staff/provider-engagement/{id}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(commissioner, id, approve: true)).StatusCode);

        var own = await PublicAsync(factory, $"/providers/{slug}");
        var article = own.QuerySelector($"#record-{id}");
        Assert.NotNull(article);
        Assert.Contains(heard, article!.TextContent);
        Assert.Contains("Provider's own: Riverside Care Home", article.QuerySelector(".app-provider-own").Text());

        var directory = await PublicAsync(factory, "/providers?type=care-home");
        Assert.NotNull(directory.QuerySelector($"#providers a[href='/providers/{slug}']"));
        var otherType = await PublicAsync(factory, "/providers?type=technology-enabled-care");
        Assert.Null(otherType.QuerySelector($"a[href='/providers/{slug}']"));

        var priority = await PublicAsync(factory, "/priorities/6");
        var onPriority = priority.QuerySelector($"#provider-records #record-{id}");
        Assert.NotNull(onPriority);
        Assert.Contains("Provider's own", onPriority!.TextContent);
        var notLinked = await PublicAsync(factory, "/priorities/1");
        Assert.Null(notLinked.QuerySelector($"#record-{id}"));
    }

    [Fact]
    public async Task Sending_back_needs_a_reason_shows_it_to_the_provider_and_takes_the_record_off_every_public_page()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        const string heard = "A relative raised the laundry going missing.";
        var id = await RecordAsync(provider, Form(heard, priority: 4));
        var slug = await SlugOfAsync(factory, TestAccounts.CareHomeProvider);
        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        await ReviewAsync(commissioner, id, approve: true);
        Assert.True(await IsPublicAnywhereAsync(heard, slug, 4));

        var refused = await ReviewAsync(commissioner, id, approve: false, reason: " ");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(refused);
        Assert.Contains("Enter the reason: the provider sees it and can correct the record", Html.ErrorSummary(page));
        Html.AssertErrorsDescribeTheirFields(page);
        Assert.True(await IsPublicAnywhereAsync(heard, slug, 4));

        Assert.Equal(HttpStatusCode.Redirect, (await ReviewAsync(commissioner, id, approve: false, reason: "Please remove the room number")).StatusCode);
        Assert.False(await IsPublicAnywhereAsync(heard, slug, 4));
        var (_, mine) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
        Assert.Contains("Please remove the room number", mine.QuerySelector("#sent-back-reason").Text());

        // Corrected: back in the queue, still not public until approved again.
        var (_, edit) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(provider, edit, new Dictionary<string, string> { ["Input.WhatWeHeard"] = heard + " (corrected)" }, "form#record-form")).StatusCode);
        await using var db = factory.CreateDbContext();
        Assert.Equal(ModerationState.WaitingForReview, (await db.EngagementRecords.SingleAsync(r => r.Id == id)).Moderation);
        Assert.False(await IsPublicAnywhereAsync(heard, slug, 4));
    }

    [Fact]
    public async Task A_change_by_the_provider_after_approval_takes_the_record_off_the_public_pages_until_it_is_approved_again()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        const string heard = "People asked for the hairdresser to come weekly.";
        var id = await RecordAsync(provider, Form(heard, priority: 5));
        var slug = await SlugOfAsync(factory, TestAccounts.CareHomeProvider);
        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        await ReviewAsync(commissioner, id, approve: true);
        Assert.True(await IsPublicAnywhereAsync(heard, slug, 5));

        var (_, page) = await Html.GetAsync(provider, $"/provider/engagement/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(provider, page, new Dictionary<string, string> { ["Move.NewStatus"] = "UnderReview" }, "form#status-form")).StatusCode);

        Assert.False(await IsPublicAnywhereAsync(heard, slug, 5));
        await ReviewAsync(commissioner, id, approve: true);
        Assert.True(await IsPublicAnywhereAsync(heard, slug, 5));
    }

    [Fact]
    public async Task A_provider_page_with_nothing_approved_is_not_found_and_the_directory_does_not_list_it()
    {
        var provider = await SignedInAsync(factory, TestAccounts.HomeCareProvider);
        await RecordAsync(provider, Form("Waiting home care record", "Bath North branch", "HomeCareBranch"));
        var slug = await SlugOfAsync(factory, TestAccounts.HomeCareProvider);
        await using (var db = factory.CreateDbContext())
        {
            var ownerId = await db.Users.Where(u => u.Email == TestAccounts.HomeCareProvider).Select(u => u.Id).SingleAsync();
            Assert.False(await db.EngagementRecords.AnyAsync(r => r.ProviderUserId == ownerId && r.Moderation == ModerationState.Approved));
        }

        using var anonymous = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/providers/{slug}")).StatusCode);
        var directory = await PublicAsync(factory, "/providers?type=home-care");
        Assert.Null(directory.QuerySelector($"a[href='/providers/{slug}']"));
    }

    [Fact]
    public async Task Every_xss_payload_in_a_record_comes_out_encoded_on_the_providers_page_and_the_priority_page()
    {
        var provider = await SignedInAsync(factory, TestAccounts.CareHomeProvider);
        var commissioner = await SignedInAsync(factory, TestAccounts.Commissioner);
        var payloads = TestData.All("xss");
        var batches = payloads.Select((p, i) => (p, i)).GroupBy(x => x.i / 40).Select(g => g.Select(x => x.p).ToList()).Take(3).ToList();
        var layout = await PublicAsync(factory, "/priorities/9");
        var layoutScripts = layout.QuerySelectorAll("script").Length;

        var ids = new List<(int Id, string Heard, string Name)>();
        foreach (var batch in batches)
        {
            var heard = string.Join("\n", batch);
            heard = heard.Length > EngagementRecordLimits.HeardMaxLength ? heard[..EngagementRecordLimits.HeardMaxLength] : heard;
            var name = batch[0].Length > 200 ? batch[0][..200] : batch[0];
            var values = Form(heard, name, priority: 9);
            values["Input.WhatWeDid"] = heard;
            var id = await RecordAsync(provider, values);
            var approved = await ReviewAsync(commissioner, id, approve: true);
            Assert.True(approved.StatusCode == HttpStatusCode.Redirect, string.Join("; ", Html.ErrorSummary(await Html.ParseAsync(approved))));
            ids.Add((id, heard.Trim(), name.Trim()));
        }

        var slug = await SlugOfAsync(factory, TestAccounts.CareHomeProvider);
        foreach (var url in new[] { $"/providers/{slug}", "/priorities/9" })
        {
            var page = await PublicAsync(factory, url);
            Assert.Equal(layoutScripts, page.QuerySelectorAll("script").Length);
            foreach (var (id, heard, name) in ids)
            {
                var article = page.QuerySelector($"#record-{id}");
                Assert.True(article is not null, $"record {id} missing on {url}");
                Assert.Equal(heard, article!.QuerySelector(".app-heard")!.TextContent.Trim());
                Assert.Equal(heard, article.QuerySelector(".app-did")!.TextContent.Trim());
                Assert.Empty(article.QuerySelectorAll("script, iframe, img, svg, object, embed, [onerror], [onload], [onclick]"));
            }
        }
    }

    [Theory]
    [InlineData("?type=care-home", "?type=care-home&utm_source=x")]
    [InlineData("", "?utm_source=x&type=care-home&type=extra-care")] // a repeated type is unfiltered, as the page reads it
    [InlineData("", "?type=banana")]
    [InlineData("", "?nocache=1")]
    public void The_directory_caches_by_its_canonical_service_type_only(string canonical, string noisy) =>
        Assert.Equal(
            Engagement.Web.Features.Publishing.PublicPagesCache.ProviderDirectoryKey(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(canonical))),
            Engagement.Web.Features.Publishing.PublicPagesCache.ProviderDirectoryKey(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(noisy))));
}
