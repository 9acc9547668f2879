using Engagement.Domain.Common;
using Engagement.Domain.Providers;
using Engagement.Infrastructure.Seeding;
using Engagement.IntegrationTests.Infrastructure;
using Engagement.Web.Features.EngagementStandard;

namespace Engagement.IntegrationTests.EngagementStandard;

/// <summary>The demo market, as seeded: for every type of service, organisations that meet, partly meet and miss the standard.</summary>
public sealed class DemoStandardTests(EngagementFactory factory) : IClassFixture<EngagementFactory>
{
    [Fact]
    public async Task Each_type_of_service_has_a_demo_organisation_that_meets_one_that_partly_meets_and_one_that_misses_the_standard()
    {
        var market = await factory.GetService<MarketStandardQuery>().MarketAsync(null, CancellationToken.None);

        Assert.Equal(DemoProviderEngagement.Standard.Select(d => d.Name), market.Criteria.Select(c => c.Name));
        foreach (var (_, organisation, type, _, _, standing) in DemoProviderEngagement.Organisations)
        {
            var s = market.Providers.Single(p => p.Organisation == organisation);
            Assert.Equal(type, s.Type);
            var (last, current) = standing switch
            {
                DemoProviderEngagement.Standing.Meets => (StandardOutcome.Met, StandardOutcome.Met),
                DemoProviderEngagement.Standing.Partly => (StandardOutcome.Partly, StandardOutcome.Partly),
                _ => (StandardOutcome.NotMet, StandardOutcome.NoRecords),
            };
            Assert.True(last == s.Last.Outcome, $"{organisation}, {s.Last.Quarter.Name}: {s.Last.Outcome}");
            Assert.True(current == s.Current.Outcome, $"{organisation}, {s.Current.Quarter.Name}: {s.Current.Outcome}");
        }

        foreach (var type in new[] { ProviderType.CareHome, ProviderType.HomeCare, ProviderType.ExtraCareHousing, ProviderType.TechnologyEnabledCare })
        {
            Assert.Equal(3, DemoProviderEngagement.Organisations.Count(o => o.Type == type));
        }
    }
}
